//go:build unix

package main

import (
	"os"
	"syscall"
)

// stdoutClosed reports whether standard output was closed when the program
// started. Go's runtime then opens /dev/null read-write in its place, so
// writes would succeed and go nowhere; a shell's `>/dev/null` opens it
// write-only, which stays a valid choice of the user.
func stdoutClosed() bool {
	flags, err := fcntl(1, syscall.F_GETFL)
	if err != nil || flags&syscall.O_ACCMODE != syscall.O_RDWR {
		return false
	}
	var out, null syscall.Stat_t
	if syscall.Fstat(1, &out) != nil || syscall.Stat(os.DevNull, &null) != nil {
		return false
	}
	return out.Mode&syscall.S_IFMT == syscall.S_IFCHR && out.Rdev == null.Rdev
}

func fcntl(fd int, cmd int) (int, error) {
	r, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), uintptr(cmd), 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
