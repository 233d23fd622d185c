//go:build linux

package e2e

import "golang.org/x/sys/unix"

// Echo reports whether the terminal echoes what is typed: the ECHO flag
// the program left on the pty, as a shell run after it would find it.
func (tm *Term) Echo() (bool, error) {
	rc, err := tm.pty.SyscallConn()
	if err != nil {
		return false, err
	}
	var tios *unix.Termios
	var ierr error
	if err := rc.Control(func(fd uintptr) {
		tios, ierr = unix.IoctlGetTermios(int(fd), unix.TCGETS)
	}); err != nil {
		return false, err
	}
	if ierr != nil {
		return false, ierr
	}
	return tios.Lflag&unix.ECHO != 0, nil
}

// Modes are the line discipline's modes the program left on the pty, as
// `stty -a` shows them: a program that leaves raw mode on turns them off.
type Modes struct{ ISIG, ICANON, ECHO bool }

// Modes reads the pty's termios.
func (tm *Term) Modes() (Modes, error) {
	rc, err := tm.pty.SyscallConn()
	if err != nil {
		return Modes{}, err
	}
	var tios *unix.Termios
	var ierr error
	if err := rc.Control(func(fd uintptr) {
		tios, ierr = unix.IoctlGetTermios(int(fd), unix.TCGETS)
	}); err != nil {
		return Modes{}, err
	}
	if ierr != nil {
		return Modes{}, ierr
	}
	l := tios.Lflag
	return Modes{ISIG: l&unix.ISIG != 0, ICANON: l&unix.ICANON != 0, ECHO: l&unix.ECHO != 0}, nil
}
