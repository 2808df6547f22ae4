package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long Watch waits after a change for more changes, so
// that an editor's save (write, rename, chmod) causes one rebuild.
const debounce = 50 * time.Millisecond

// Watch rebuilds the site whenever a file under one of dirs changes, until
// ctx is done. fsnotify watches single folders, so Watch adds every folder
// below dirs, and new ones as they appear. Changes to files in
// Config.ContentDir go to Update, which re-renders only what they change;
// any other change, or a new folder, is a full Rebuild.
func (s *Server) Watch(ctx context.Context, dirs ...string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range dirs {
		if err := addTree(w, d); err != nil {
			return err
		}
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	changed := map[string]bool{} // content files, by their name in Content
	full := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name, inContent := s.contentName(ev.Name)
			if inContent {
				changed[name] = true
			} else {
				full = true
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
					full = true // its files came without events of their own
				}
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(debounce, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case <-fire:
			names := make([]string, 0, len(changed))
			for n := range changed {
				names = append(names, n)
			}
			wasFull := full
			changed, full = map[string]bool{}, false
			// Errors are logged and shown in the pages.
			if wasFull {
				s.Rebuild()
			} else {
				s.Update(names...)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			s.cfg.Log.Write([]byte("watch: " + err.Error() + "\n"))
		}
	}
}

// contentName is the name in Content of a file Watch saw, if it is in
// Config.ContentDir.
func (s *Server) contentName(p string) (string, bool) {
	if s.cfg.ContentDir == "" {
		return "", false
	}
	rel, err := filepath.Rel(s.cfg.ContentDir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}
