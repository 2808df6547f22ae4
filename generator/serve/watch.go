package serve

import (
	"context"
	"fmt"
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

// recheck is how often Watch looks for a folder it watches that is
// missing: one that did not exist at the start, or was removed or moved
// away since.
const recheck = 250 * time.Millisecond

// Watch rebuilds the site whenever a file under one of dirs changes, until
// ctx is done. fsnotify watches single folders, so Watch adds every folder
// below dirs, and new ones as they appear. Changes to files in
// Config.ContentDir go to Update, which re-renders only what they change;
// any other change, or a new folder, is a full Rebuild.
//
// One of dirs that is missing, at the start or later, because it was
// removed or moved away, is looked for every quarter second; once it is a
// folder again, Watch watches it again and rebuilds. Until then the build
// fails, and the last good site is served with the error over it.
func (s *Server) Watch(ctx context.Context, dirs ...string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	roots := map[string]bool{}   // dirs, cleaned
	missing := map[string]bool{} // the roots not watched now
	var ticker *time.Ticker      // runs while a root is missing
	var tick <-chan time.Time
	defer func() {
		if ticker != nil {
			ticker.Stop()
		}
	}()
	lose := func(root string) {
		missing[root] = true
		if ticker == nil {
			ticker = time.NewTicker(recheck)
			tick = ticker.C
		}
	}
	for _, d := range dirs {
		d = filepath.Clean(d)
		roots[d] = true
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			fmt.Fprintf(s.cfg.Log, "watch: %s is not a folder yet; waiting for it\n", d)
			lose(d)
			continue
		}
		if err := addTree(w, d); err != nil {
			return err
		}
	}

	var timer *time.Timer
	fire := make(chan struct{}, 1)
	changed := map[string]bool{} // content files, by their name in Content
	full := false
	kick := func() {
		if timer != nil {
			timer.Stop()
		}
		timer = time.AfterFunc(debounce, func() {
			select {
			case fire <- struct{}{}:
			default:
			}
		})
	}
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
			if root := filepath.Clean(ev.Name); roots[root] && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				// A folder moved away keeps its watches below it, which
				// would report its files under their old names.
				unwatchTree(w, root)
				fmt.Fprintf(s.cfg.Log, "watch: %s is gone; waiting for it to come back\n", root)
				lose(root)
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
					full = true // its files came without events of their own
				}
			}
			kick()
		case <-tick:
			for root := range missing {
				if st, err := os.Stat(root); err != nil || !st.IsDir() {
					continue
				}
				// Watch first, then build: a file written in between is
				// either read by the build or reported by the watch.
				if err := addTree(w, root); err != nil {
					fmt.Fprintf(s.cfg.Log, "watch: %v\n", err)
					unwatchTree(w, root)
					continue
				}
				fmt.Fprintf(s.cfg.Log, "watch: found %s; rebuilding\n", root)
				delete(missing, root)
				full = true
				kick()
			}
			if len(missing) == 0 {
				ticker.Stop()
				ticker, tick = nil, nil
			}
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

// unwatchTree removes the watches on root and every folder below it.
func unwatchTree(w *fsnotify.Watcher, root string) {
	for _, p := range w.WatchList() {
		if p == root || strings.HasPrefix(p, root+string(filepath.Separator)) {
			w.Remove(p)
		}
	}
}
