package rules

// UserProfilePermanent is what every user-profile choice must say: once set,
// the workspace's user profile binds every request and cannot be undone.
const UserProfilePermanent = "PERMANENT: every inference request through the workspace must then name this user profile, and it can never be replaced or removed."
