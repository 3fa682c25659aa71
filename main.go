// Steward administers the Mastodon servers an institution owns. main.go only
// wires: it builds the services, binds the app/ facades and runs Wails.
package main

import (
	"context"
	"embed"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"steward/app"
	"steward/internal/platform"
	"steward/internal/store"
)

//go:embed all:frontend/dist
var assets embed.FS

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// processStart is when the process started, for the start-up marks.
var processStart = time.Now()

func main() {
	if err := run(); err != nil {
		log.Printf("steward: %v", err)
		os.Exit(1)
	}
}

// config is read from the environment (not from flags: Wails' dev and
// bindings modes parse the command line themselves).
type config struct {
	demo         bool
	dataDir      string
	settingsPath string // "" : the default under os.UserConfigDir()
	demoReports  int    // STEWARD_DEMO_REPORTS: seed the demo city with this many reports
	// STEWARD_DEMO_KEEP_CACHE=1 keeps the demo's cache between starts (benchmarks).
	demoKeepCache bool
}

func readConfig() (config, error) {
	// The demo runs when asked for (scripts/demo.sh does); the plain binary
	// starts on the user's own servers, empty until one is connected.
	cfg := config{demo: os.Getenv("STEWARD_DEMO") == "1"}
	for _, a := range os.Args[1:] {
		if a == "--demo" || a == "-demo" {
			cfg.demo = true
		}
	}
	cfg.settingsPath = os.Getenv("STEWARD_SETTINGS")
	cfg.demoKeepCache = os.Getenv("STEWARD_DEMO_KEEP_CACHE") == "1"
	if n, err := strconv.Atoi(os.Getenv("STEWARD_DEMO_REPORTS")); err == nil && n > 0 && n <= 1_000_000 {
		cfg.demoReports = n
	}
	cfg.dataDir = os.Getenv("STEWARD_DATA_DIR")
	if cfg.dataDir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return cfg, fmt.Errorf("no cache directory: %w", err)
		}
		cfg.dataDir = filepath.Join(base, "steward")
	}
	return cfg, nil
}

func run() error {
	if generatingBindings {
		// Only the bound types matter here; no service is started.
		return wails.Run(&options.App{Bind: []any{app.NewServers(context.Background(), nil, nil, nil), app.NewJobs(nil),
			app.NewQueue(nil, nil, nil, nil), app.NewOutbox(nil), app.NewJournal(nil, nil), app.NewAbout(app.AppInfo{})}})
	}
	cfg, err := readConfig()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	events := platform.NewWails()
	ui := desktopUI{Wails: events, DesktopNotifier: platform.DesktopNotifier{AppName: "Steward"}}
	backend, err := openBackend(cfg, ui)
	var startupErr error
	if err != nil {
		// Show the window with the reason rather than exiting without a word.
		log.Printf("steward: starting without saved data: %v", err)
		startupErr = err
		if backend, err = openFallback(ui); err != nil {
			return err
		}
	}
	defer backend.Close()
	svc := backend.servers
	serversFacade := app.NewServers(ctx, svc, backend.jobs, backend.connector)
	jobsFacade := app.NewJobs(backend.jobs)
	queueFacade := app.NewQueue(backend.triage.queue, svc, backend.triage.bulkResolve(backend.jobs, ctx), store.NewSyncStore(backend.db))
	outboxFacade := app.NewOutbox(backend.triage.outbox)
	journalFacade := app.NewJournal(backend.triage.journal, events)
	info := app.AppInfo{Version: version, Demo: cfg.demo, OS: runtime.GOOS, DataDir: cfg.dataDir}
	if startupErr != nil {
		p := app.FormatError(startupErr).(app.ErrorPayload)
		info.StartupErrorKind, info.StartupErrorDetail = p.Kind, p.Detail
	}
	about := app.NewAboutWithMarks(info, processStart, os.Stderr)

	err = wails.Run(&options.App{
		Title:     "Steward",
		Width:     1200,
		Height:    800,
		MinWidth:  720,
		MinHeight: 480,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		OnStartup: func(wctx context.Context) {
			events.Attach(wctx)
			backend.triage.start(ctx)
			svc.Start(ctx)
			backend.maintain(ctx, 10*time.Minute)
		},
		OnShutdown: func(context.Context) {
			events.Detach()
			cancel() // ends background syncs and jobs; backend.Close waits for them
		},
		Bind:           []any{serversFacade, jobsFacade, queueFacade, outboxFacade, journalFacade, about},
		ErrorFormatter: app.FormatError,
		Linux:          &linux.Options{ProgramName: "steward", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
	})
	return err
}

// desktopUI joins the window's events and browser with the OS notifications.
type desktopUI struct {
	*platform.Wails
	platform.DesktopNotifier
}
