//go:build tools

// Package wailscli pins the Wails CLI as a build dependency.
package wailscli

import _ "github.com/wailsapp/wails/v2/cmd/wails"
