#!/usr/bin/env bash
# Regenerates screenshots/NN-name.png: builds workspace-wizard, drives it in
# an 80x24 tmux pane with send-keys through every screen, captures each with
# `tmux capture-pane -e -p` and renders it with freeze.
#
#   screenshots/make.sh            # from anywhere in the repo
#
# Needs go and perl; installs tmux and pngquant (apt-get) and freeze (go
# install) when missing.
# Every step waits for the text it expects on the screen, not for a time.
set -euo pipefail

cd "$(dirname "$0")/.."
out=screenshots
cols=80
rows=24
freeze_version=v0.2.2

say() { printf '%s\n' "$*" >&2; }
die() { say "make.sh: $*"; exit 1; }

# --- tools -------------------------------------------------------------------
if ! command -v tmux >/dev/null; then
	say "installing tmux…"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq && $sudo apt-get install -y -qq tmux >/dev/null
fi
freeze=$(command -v freeze || true)
if [ -z "$freeze" ]; then
	freeze="$(go env GOPATH)/bin/freeze"
	if [ ! -x "$freeze" ]; then
		say "installing freeze $freeze_version…"
		go install "github.com/charmbracelet/freeze@$freeze_version"
	fi
fi
command -v perl >/dev/null || die "perl is needed to prepare the captures"
# pngquant keeps each image small (a screen of text needs few colours).
if ! command -v pngquant >/dev/null && command -v apt-get >/dev/null; then
	say "installing pngquant…"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	{ $sudo apt-get install -y -qq pngquant >/dev/null 2>&1 || true; }
fi

work=$(mktemp -d)
session="ww-shots"
# A tmux server of our own, so other tmux users are neither disturbed nor disturbing.
tmux() { command tmux -L "ww-shots-$$" "$@"; }
cleanup() {
	tmux kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

say "building…"
go build -o "$work/workspace-wizard" .

# --- driving the program -----------------------------------------------------

# run ARGS…: starts the program in a fresh 80x24 pane, with a clean
# environment (no ANTHROPIC_* variables). The pane stays after it exits.
run() {
	tmux kill-session -t "$session" 2>/dev/null || true
	local cmd="env -i TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 HOME=$work $work/workspace-wizard"
	local a
	for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
	tmux new-session -d -s "$session" -x "$cols" -y "$rows" "$cmd; sleep 600"
	tmux set-option -t "$session" status off >/dev/null
}

screen() { tmux capture-pane -p -t "$session"; }

# waitfor TEXT: waits (up to 20 s) until the pane shows TEXT.
waitfor() {
	local i
	for i in $(seq 200); do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
	done
	screen >&2
	die "the screen never showed: $1"
}

# waitgone TEXT: waits until the pane no longer shows TEXT.
waitgone() {
	local i
	for i in $(seq 200); do
		if ! screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
	done
	screen >&2
	die "the screen still shows: $1"
}

# to_review: Enter from the name step through every default to review.
to_review() {
	local step
	for step in 2 3 4 5 6; do
		keys Enter
		waitfor "Step $step of 6"
	done
}

keys() { tmux send-keys -t "$session" "$@"; }
type_text() { tmux send-keys -t "$session" -l -- "$1"; }

# shot NAME: captures the pane (colours included) and renders NAME.png.
shot() {
	local name=$1
	# Let the frame that put the awaited text up finish drawing (the
	# renderer writes a frame in one go; this only avoids a torn capture).
	sleep 0.3
	tmux capture-pane -e -p -t "$session" | normalize >"$work/$name.ans"
	"$freeze" --language ansi --window --font.size 7 --line-height 1.25 \
		--padding 10,20,10,10 --margin 0 --border.radius 4 \
		-o "$out/$name.png" "$work/$name.ans" >/dev/null
	if command -v pngquant >/dev/null; then
		pngquant --force --skip-if-larger --strip --quality 70-95 --output "$out/$name.png" "$out/$name.png" || true
	fi
	chmod 644 "$out/$name.png"
	say "  $out/$name.png"
}

# normalize rewrites the capture for freeze, whose ANSI support is partial:
# it knows no "default colour" (39/49) and no reverse video (7), so each
# style change becomes explicit colours (a reset only where the background
# changes, so a run of one background stays one box). Its font has no
# braille, so the spinner's dot (a braille frame) is drawn as "•". Trailing
# blank rows are dropped, but one.
normalize() {
	perl -CSD -e '
		my ($dfg, $dbg) = ("38;2;220;220;228", "48;2;23;23;23");
		my ($fg, $bg, $rev, $lastb) = ("", "", 0, "");
		sub tobg { my $c = shift; return $dbg if $c eq ""; $c =~ s/^38;/48;/; $c =~ s/^3(\d)$/4$1/; $c =~ s/^9(\d)$/10$1/; return $c }
		sub tofg { my $c = shift; return $dfg if $c eq ""; $c =~ s/^48;/38;/; $c =~ s/^4(\d)$/3$1/; $c =~ s/^10(\d)$/9$1/; return $c }
		sub emit {
			my ($f, $b) = $rev ? (tofg($bg), tobg($fg)) : (tofg($fg), $bg eq "" ? "" : tobg($bg));
			my $s = $b eq $lastb ? "\e[${f}m" : "\e[0m\e[${f}m" . ($b eq "" ? "" : "\e[${b}m");
			$lastb = $b;
			return $s;
		}
		sub sgr {
			my @p = split /[;:]/, (length $_[0] ? $_[0] : "0");
			while (@p) {
				my $v = shift @p;
				if ($v eq "" || $v == 0) { ($fg, $bg, $rev) = ("", "", 0) }
				elsif ($v == 7) { $rev = 1 }
				elsif ($v == 27) { $rev = 0 }
				elsif ($v == 39) { $fg = "" }
				elsif ($v == 49) { $bg = "" }
				elsif (($v >= 30 && $v <= 37) || ($v >= 90 && $v <= 97)) { $fg = $v }
				elsif (($v >= 40 && $v <= 47) || ($v >= 100 && $v <= 107)) { $bg = $v }
				elsif ($v == 38 || $v == 48) {
					my $m = shift @p; my $c = "$v;$m;";
					$c .= $m == 5 ? shift @p : join(";", splice(@p, 0, 3));
					if ($v == 38) { $fg = $c } else { $bg = $c }
				}
			}
			return emit();
		}
		my @lines;
		while (my $l = <STDIN>) {
			chomp $l;
			$lastb = "";
			my $pre = "\e[0m" . emit();
			$l =~ s/\e\[([0-9;:]*)m/sgr($1)/ge;
			$l =~ s/[\x{2800}-\x{28FF}]/\x{2022}/g;
			push @lines, $pre . $l . "\e[0m";
		}
		my $plain = sub { my $s = shift; $s =~ s/\e\[[0-9;:]*m//g; $s =~ /\S/ };
		pop @lines while @lines && !$plain->($lines[-1]);
		# freeze drops the last line of its input: end with a blank one.
		print "$_\n" for @lines, "";
	'
}

mkdir -p "$out"
rm -f "$out"/[0-9][0-9]-*.png

# --- 01: no key in the environment, no --demo: the wizard asks for one -------
say "screens:"
run
waitfor "Admin API key"
type_text "sk-ant-admin01-0000000000"
waitfor "> •••"
shot 01-admin-key

# --- the whole flow on the simulated API ---------------------------------------
run --demo
waitfor "Step 1 of 6"
type_text "ml-research"
waitfor "> ml-research"
shot 02-name

keys Enter
waitfor "Step 2 of 6"
type_text "team=ml"
waitfor "> team=ml"
keys Enter
waitfor "team = ml"
type_text "anthropic-env=prod"
waitfor 'may not start with "anthropic"'
shot 03-tags-inline-error

keys C-u
waitgone 'may not start with "anthropic"'
type_text "env=prod"
waitfor "> env=prod"
keys Enter
waitfor "env = prod"
keys Enter
waitfor "Step 3 of 6"
keys Tab
waitfor "┃ Allowed inference geos"
keys Down Down
waitfor "› Only us"
shot 04-data-residency

keys Enter
waitfor "Step 4 of 6"
keys Down
waitfor "Write-once"
shot 05-encryption-choose

keys Enter
waitfor "Type a key id instead"
shot 06-encryption-keys

keys Enter
waitfor "the key validated"
shot 07-encryption-validated

# The demo organization has user profiles: step 5 offers them (default none).
keys Enter
waitfor "Step 5 of 6"
keys Down
waitfor "› Contoso Health"
shot 15-user-profile
keys Up
waitfor "› None: requests need not"
keys Enter
waitfor "Step 6 of 6"
shot 08-review

keys Enter
waitfor "Workspace created"
shot 10-result

keys m
waitfor "3 of 3 users"
keys Space
waitfor "[x] Ada Admin"
keys Down
keys Space
waitfor "[x] Dev Developer"
shot 13-add-members
keys Enter
waitfor "Added 2 of 2"
keys Enter
waitfor "Members"
shot 14-result-with-members

# --- 09: the create in flight, slowed down so the spinner shows ----------------
run --demo --demo-faults latency=3s --name ml-research --tag team=ml
waitfor "Step 1 of 6"
to_review
keys Enter
waitfor "Sending the request"
shot 09-creating

# --- 11: the API refuses the name (400): back at the field, answers kept -------
run --demo --demo-faults 400 --tag team=ml
waitfor "Step 1 of 6"
type_text "Quarterly research and evaluation sandbox"
waitfor "> Quarterly research"
to_review
keys Enter
waitfor "is being archived"
shot 11-api-error-at-field

# --- 12: overloaded (529): it may have landed, so it is looked for, not resent --
run --demo --demo-faults 529 --name ml-research
waitfor "Step 1 of 6"
to_review
keys Enter
waitfor "may or may not have been created"
shot 12-outcome-unknown
keys a
waitfor "type the name and press enter"
type_text "ml-resea"
keys Enter
waitfor "type the name exactly"
shot 16-create-anyway

# --- 17: created, but not all of it took effect (503 workspace_created_incomplete)
run --demo --demo-faults 503-incomplete --name ml-research --tag team=ml
waitfor "Step 1 of 6"
to_review
keys Enter
waitfor "not all of the request took effect"
shot 17-created-incomplete

# --- 18-22: the guided setup on a simulated new organization ------------------
run setup --demo
waitfor "How should the organization start?"
shot 18-setup-template
keys Enter
waitfor "Project name"
type_text "research"
keys Enter
waitfor "research-dev"
shot 19-setup-plan
keys m
waitfor "No members in the plan"
keys a
waitfor "of 12 users"
type_text "ad"
waitfor "Ada Admin"
keys Space
waitfor "1 selected"
shot 20-setup-members
keys Enter
waitfor "ada@example.com"
keys Escape
waitfor "1 member"
keys r
waitfor "to create"
shot 21-setup-review
keys y
waitfor "Applied"
shot 22-setup-applied

say "done"
