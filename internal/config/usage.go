package config

// Usage is the --help text.
const Usage = `workspace-wizard: create an Anthropic workspace, step by step or from flags.

Usage:
  workspace-wizard [flags]              the interactive wizard (needs a terminal)
  workspace-wizard --name NAME --yes    create without the wizard
  workspace-wizard --demo               try it against the built-in simulated API

Workspace:
  --name NAME                      workspace name (1-255 characters)
  --tag KEY=VALUE                  a tag; repeat for more (keys may not start with "anthropic")
  --workspace-geo GEO              where workspace data is stored: us (default us; permanent)
  --allowed-inference-geos LIST    unrestricted (default), or geos from: us,global
  --default-inference-geo GEO      global (default) or us; must be among the allowed geos
  --external-key-id ID             customer-managed encryption key (ekey_... or AWS KMS key ARN);
                                   write-once: it can never be removed or replaced
  --display-color '#RRGGBB'        colour in the Console (the server picks one if omitted)
  --user-profile-id ID             user profile (uprof_...) every inference request through the
                                   workspace must then name; permanent: it cannot be replaced or removed

Running:
  -y, --yes                        no wizard, no confirmation: validate, create, report
  --dry-run                        validate and print the request; send nothing
  --json                           print the created workspace (or, with --dry-run, the request) as JSON
  --demo                           use the built-in simulated Admin API: no key, no network
  --demo-faults LIST               with --demo: make the simulated API fail, e.g. 529,500-after-commit
  --accessible                     plain line-by-line prompts instead of the full-screen wizard
  --base-url URL                   API address (default https://api.anthropic.com)
  --timeout DURATION               per-request timeout (default 30s)
  --version, --help

Environment:
  ANTHROPIC_ADMIN_API_KEY          the admin key (sk-ant-admin...); never printed
  ANTHROPIC_BASE_URL               same as --base-url
  ACCESSIBLE=1 or TERM=dumb        same as --accessible
  WORKSPACE_WIZARD_DEMO_FAULTS     same as --demo-faults

Exit codes:
  0 created (or a valid dry run)   1 failed, nothing created      2 invalid input or usage, nothing sent
  4 key refused or not allowed     5 outcome unknown: check before trying again
  130 cancelled
`
