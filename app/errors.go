package app

import (
	"errors"

	"steward/internal/apperr"
)

// FormatError maps any error returned by a bound method to an ErrorPayload.
// It is installed as Wails' ErrorFormatter so the promise rejects with an
// object the UI can translate, never with a raw English string.
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	p := ErrorPayload{Kind: string(apperr.KindOf(err)), Detail: apperr.DetailOf(err)}
	var e *apperr.Error
	if errors.As(err, &e) {
		p.Op = e.Op
	}
	return p
}

var (
	errDemo       = errors.New("the demo cannot connect other servers")
	errEmptyInput = errors.New("no server given")
)
