package plan

// WriteFileAtomicWith is WriteFileAtomic with the write of the temporary
// file replaced, so a test can make it fail half-way.
var WriteFileAtomicWith = writeFileAtomic
