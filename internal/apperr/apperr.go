// Package apperr defines the error kinds every Steward package uses.
//
// An error carries an operation (what was being done), a Kind (what class of
// failure it is, which the UI maps to a translated message) and the wrapped
// cause. Raw English error strings never reach the user: the UI only reads the
// kind.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the user interface and for retry decisions.
type Kind string

// The kinds fixed by the design brief.
const (
	Unknown      Kind = ""
	NotFound     Kind = "not_found"
	Unauthorized Kind = "unauthorized"
	Forbidden    Kind = "forbidden"
	RateLimited  Kind = "rate_limited"
	Invalid      Kind = "invalid"
	Conflict     Kind = "conflict"
	Unavailable  Kind = "unavailable"
	Internal     Kind = "internal"
)

// Error is an error with a kind, the operation that failed and its cause.
type Error struct {
	Op    string // e.g. "mastoapi: get instance"
	Kind  Kind
	Err   error  // the wrapped cause, may be nil
	Extra string // optional machine-readable detail (e.g. "html_page", "truncated_json")
}

func (e *Error) Error() string {
	msg := e.Op
	if e.Kind != Unknown {
		msg += " [" + string(e.Kind) + "]"
	}
	if e.Extra != "" {
		msg += " (" + e.Extra + ")"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error.
func E(op string, kind Kind, cause error) *Error {
	return &Error{Op: op, Kind: kind, Err: cause}
}

// Errorf builds an *Error whose cause is a formatted message.
func Errorf(op string, kind Kind, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

// KindOf returns the kind of the outermost *Error in the chain that has one,
// or Internal when the chain has none.
func KindOf(err error) Kind {
	if err == nil {
		return Unknown
	}
	var e *Error
	for errors.As(err, &e) {
		if e.Kind != Unknown {
			return e.Kind
		}
		err = e.Err
		if err == nil {
			break
		}
	}
	return Internal
}

// DetailOf returns the Extra detail of the first *Error in the chain that has one.
func DetailOf(err error) string {
	var e *Error
	for errors.As(err, &e) {
		if e.Extra != "" {
			return e.Extra
		}
		err = e.Err
		if err == nil {
			break
		}
	}
	return ""
}

// Is reports whether err has the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
