package outbox

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"steward/internal/mastoapi"
	"steward/internal/mastosim"
	"steward/internal/store"
)

const childEnv = "STEWARD_OUTBOX_CHILD"

// runChild is the child process of TestKillNine: it runs an outbox against
// the parent's simulator, optionally enqueues the actions, and works until
// it is killed.
func runChild() int {
	dir, url, tok := os.Getenv("STEWARD_DIR"), os.Getenv("STEWARD_URL"), os.Getenv("STEWARD_TOKEN")
	n, _ := strconv.Atoi(os.Getenv("STEWARD_N"))
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		fmt.Println("ERR", err)
		return 2
	}
	ob, err := New(Options{DB: db, OSUser: "child", BaseBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond,
		Clients: func(string) (*mastoapi.Client, error) { return mastoapi.New(url, tok, mastoapi.Options{}) }})
	if err == nil {
		err = ob.Start(context.Background())
	}
	if err != nil {
		fmt.Println("ERR", err)
		return 2
	}
	actions := make([]Action, n)
	for i := range actions {
		actions[i] = Action{ServerID: "s", Kind: KindResolve, ReportID: strconv.Itoa(i + 1)}
	}
	if _, err := ob.EnqueueBulk(actions, nil); err != nil {
		fmt.Println("ERR", err)
		return 2
	}
	fmt.Println("ENQUEUED")
	select {} // work until killed
}

func TestKillNineExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	const n = 1000
	srv := newServer(t, "s", mastosim.FlavourMastodon, n)
	srv.sim.SetFaults(mastoapiLatency())
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "STEWARD_DIR="+dir, "STEWARD_URL="+srv.url,
		"STEWARD_TOKEN="+srv.token, "STEWARD_N="+strconv.Itoa(n))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "ENQUEUED" {
		_ = cmd.Process.Kill()
		t.Fatalf("child said %q", line)
	}
	waitFor(t, "the child to apply a third", 40*time.Second, func() bool {
		return srv.sim.Stats().ByPath[resolvePath] >= n/3
	})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	before := srv.sim.Stats().ByPath[resolvePath]
	t.Logf("killed after %d resolves", before)

	e := openEnv(t, dir, srv)
	waitFor(t, "all actions done", 50*time.Second, func() bool {
		return len(e.ob.List(Filter{States: []State{StateDone}})) == n
	})
	if got := srv.sim.Stats().ByPath[resolvePath]; got != n {
		t.Fatalf("resolve POSTs = %d, want exactly %d", got, n)
	}
	if open := srv.sim.OpenReportCount(); open != 0 {
		t.Fatalf("%d reports still open", open)
	}
	again := 0
	for _, a := range e.ob.List(Filter{}) {
		if a.Result != nil && a.Result.Note == "already_applied" {
			again++
		}
	}
	t.Logf("after restart: %d actions found already applied and not re-sent", again)
}

func mastoapiLatency() mastosim.Faults { return mastosim.Faults{Latency: 2 * time.Millisecond} }
