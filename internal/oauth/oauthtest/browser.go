// Package oauthtest provides a fake system browser for tests of the OAuth
// sign-in against internal/mastosim: it loads the consent page, submits the
// approve or deny form, and follows the redirect to the loopback callback.
package oauthtest

import (
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Browser is a fake browser. Use Open as oauth.Config.OpenBrowser.
type Browser struct {
	Deny  bool   // press "Deny" instead of "Authorize"
	Login string // sign in as this simulator user (default: the simulator's "admin")
	// TamperCallback may rewrite the callback URL before it is loaded (e.g. the state).
	TamperCallback func(u *url.URL)
	// Callbacks is how often the callback URL is loaded (default 1).
	Callbacks int
	// DoNothing makes Open return nil without loading anything.
	DoNothing bool

	mu           sync.Mutex
	authorizeURL string
	pages        []Page
}

// Page is a loaded callback page.
type Page struct {
	Status int
	Header http.Header
	Body   string
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)

var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// Open plays the user: it is what the app would hand the URL to.
func (b *Browser) Open(authorizeURL string) error {
	b.mu.Lock()
	b.authorizeURL = authorizeURL
	b.mu.Unlock()
	if b.DoNothing {
		return nil
	}
	resp, err := client.Get(authorizeURL)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("consent page: HTTP %d: %s", resp.StatusCode, body)
	}
	form := string(body)
	if i := strings.Index(form, `id="deny-form"`); i >= 0 {
		form = form[:i] // the approve form's hidden fields come first
	}
	fields := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(form, -1) {
		fields.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	if len(fields) == 0 {
		return errors.New("consent page has no form")
	}
	fields.Set("decision", "approve")
	if b.Deny {
		fields.Set("decision", "deny")
	}
	if b.Login != "" {
		fields.Set("login", b.Login)
	}
	au, err := url.Parse(authorizeURL)
	if err != nil {
		return err
	}
	post := au.Scheme + "://" + au.Host + "/oauth/authorize"
	resp, err = client.PostForm(post, fields)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || loc == "" {
		return fmt.Errorf("authorize: HTTP %d without a redirect", resp.StatusCode)
	}
	cb, err := url.Parse(loc)
	if err != nil {
		return err
	}
	if b.TamperCallback != nil {
		b.TamperCallback(cb)
	}
	n := max(b.Callbacks, 1)
	for i := 0; i < n; i++ {
		resp, err := client.Get(cb.String())
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.mu.Lock()
		b.pages = append(b.pages, Page{Status: resp.StatusCode, Header: resp.Header, Body: string(body)})
		b.mu.Unlock()
	}
	return nil
}

// AuthorizeURL is the URL Open was last given.
func (b *Browser) AuthorizeURL() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.authorizeURL
}

// RedirectURI is the redirect_uri of the last authorize URL.
func (b *Browser) RedirectURI() string {
	u, err := url.Parse(b.AuthorizeURL())
	if err != nil {
		return ""
	}
	return u.Query().Get("redirect_uri")
}

// Pages are the callback pages loaded so far.
func (b *Browser) Pages() []Page {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Page(nil), b.pages...)
}
