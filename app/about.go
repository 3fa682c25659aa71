package app

// About is the facade that describes the running application.
type About struct {
	info AppInfo
}

// NewAbout returns the facade.
func NewAbout(info AppInfo) *About { return &About{info: info} }

// Info returns what the UI needs to know about the app (demo mode, version).
func (a *About) Info() (AppInfo, error) { return a.info, nil }
