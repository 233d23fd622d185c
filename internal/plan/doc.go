// Package plan is the pure core of "workspace-wizard plan/apply -f org.yaml"
// and the guided setup: the plan file (Parse, Marshal, Schema), what was
// read from the organization (Observed), and the planner (Diff) that says,
// item by item, what applying the file would create, update, leave alone or
// refuse. It does no I/O: callers read the file and the organization, and
// execute the plan's writes through internal/api.
//
// Every field of the file is checked by internal/rules, the same rules the
// wizard and the flags use.
package plan
