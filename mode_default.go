//go:build !bindings

package main

// generatingBindings is true only in the binary `go build -tags bindings`
// makes to regenerate frontend/wailsjs: it must not start the demo or open
// the cache.
const generatingBindings = false
