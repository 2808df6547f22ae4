package generator

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps the folders a and b in one step, with renameat2's
// RENAME_EXCHANGE (Linux 3.15, and most local file systems). Where the
// kernel or the file system lacks it, it returns errNoExchange.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch err {
	case nil:
		return nil
	case unix.ENOSYS, unix.EINVAL, unix.EOPNOTSUPP:
		return errNoExchange
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}
