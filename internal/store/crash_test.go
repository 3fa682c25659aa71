package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

type crashItem struct {
	N int `json:"n"`
}

// TestAcknowledgedWritesSurviveKill9 starts a child process that writes
// values and acknowledges each on stdout once Put returned, kills it with
// SIGKILL in the middle, reopens the database and checks that every
// acknowledged write is there.
func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	if os.Getenv("STEWARD_STORE_CHILD_DIR") != "" {
		crashChild(os.Getenv("STEWARD_STORE_CHILD_DIR"))
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcknowledgedWritesSurviveKill9$", "-test.count=1")
	cmd.Env = append(os.Environ(), "STEWARD_STORE_CHILD_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := 0
	sc := bufio.NewScanner(out)
	deadline := time.Now().Add(30 * time.Second)
	for sc.Scan() && time.Now().Before(deadline) {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "ack "); ok {
			acked, _ = strconv.Atoi(n)
			if acked >= 2000 {
				break
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if acked < 2000 {
		t.Fatalf("the child acknowledged only %d writes", acked)
	}

	db, err := Open(Options{Dir: dir, EncryptionKey: crashKey})
	if err != nil {
		t.Fatalf("reopen after kill -9: %v", err)
	}
	defer db.Close()
	c := NewCollection[crashItem](db, "crash")
	for i := 1; i <= acked; i++ {
		v, ok, err := c.Get(PadID(strconv.Itoa(i)))
		if err != nil || !ok || v.N != i {
			t.Fatalf("acknowledged write %d lost after kill -9 (ok=%v err=%v)", i, ok, err)
		}
	}
	t.Logf("%d acknowledged writes survived kill -9", acked)
}

var crashKey = []byte("0123456789abcdef0123456789abcdef")

func crashChild(dir string) {
	db, err := Open(Options{Dir: dir, EncryptionKey: crashKey})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	c := NewCollection[crashItem](db, "crash")
	for i := 1; ; i++ {
		if err := c.Put(PadID(strconv.Itoa(i)), crashItem{N: i}); err != nil {
			fmt.Println("put:", err)
			os.Exit(3)
		}
		fmt.Printf("ack %d\n", i)
	}
}
