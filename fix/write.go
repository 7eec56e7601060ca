package fix

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrChanged means a file changed on disk after it was read.
var ErrChanged = errors.New("the file changed on disk while jfcheck was working; run again")

// WriteFile replaces path with data atomically: a temporary file in the same
// directory with the original's permission bits, synced, then renamed over
// the original. It refuses symbolic links, read-only files, and a file whose
// content is no longer orig.
func WriteFile(path string, orig, data []byte) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		return errors.New("is a symbolic link; fix the file it points to instead")
	}
	if !info.Mode().IsRegular() {
		return errors.New("is not a regular file")
	}
	if info.Mode().Perm()&0o200 == 0 {
		return errors.New("is read-only; not written")
	}
	now, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, orig) {
		return ErrChanged
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".jfcheck-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("replacing the file: %w", err)
	}
	ok = true
	return nil
}
