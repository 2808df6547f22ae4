// Package testhook lets tests stop statusref at named points of a build.
// It is not an API: only statusref's own tests may set Pause.
//
// The crash test kills a build at these points,
// and the lock tests wait there for a
// second build to queue. A statusref binary never sets Pause, so At costs
// a nil check and does nothing.
package testhook

// Pause, when not nil, is called by At with the name of the point. Only
// tests set it, before the build starts.
var Pause func(point string)

// At marks a named point of a build.
func At(point string) {
	if Pause != nil {
		Pause(point)
	}
}
