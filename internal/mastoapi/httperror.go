package mastoapi

import (
	"fmt"
	"time"
)

// HTTPError is the cause of an error answer from the server.
type HTTPError struct {
	Status  int
	Message string    // the server's own message, for logs; never shown as is
	RetryAt time.Time // for 429: when the budget resets (zero if unknown)
}

func (e *HTTPError) Error() string {
	if !e.RetryAt.IsZero() {
		return fmt.Sprintf("HTTP %d: %s (retry at %s)", e.Status, e.Message, e.RetryAt.UTC().Format(time.RFC3339))
	}
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message)
}
