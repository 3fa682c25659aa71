#!/usr/bin/env node
// A scripted "system browser" for the end-to-end connect test: installed as
// xdg-open on PATH, it opens the server's consent page, submits the form a
// person would (approve, or deny when the file named by FAKE_BROWSER_DECISION_FILE says deny) and follows
// the redirect to Steward's loopback callback.
import { appendFileSync, readFileSync } from 'node:fs'

const url = process.argv[2]
const fromFile = (p) => {
  try {
    return readFileSync(p, 'utf8').trim()
  } catch {
    return ''
  }
}
const decision = (process.env.FAKE_BROWSER_DECISION_FILE && fromFile(process.env.FAKE_BROWSER_DECISION_FILE)) || 'approve'
const log = (m) => process.env.FAKE_BROWSER_LOG && appendFileSync(process.env.FAKE_BROWSER_LOG, m + '\n')

const unescape = (s) =>
  s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')

try {
  log(`open ${url}`)
  const page = await (await fetch(url)).text()
  const formId = decision === 'deny' ? 'deny-form' : 'approve-form'
  const form = page.slice(page.indexOf(`id="${formId}"`), page.indexOf('</form>', page.indexOf(`id="${formId}"`)))
  const fields = new URLSearchParams()
  for (const m of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescape(m[1]), unescape(m[2]))
  }
  const origin = new URL(url).origin
  const res = await fetch(`${origin}/oauth/authorize`, { method: 'POST', body: fields, redirect: 'manual' })
  const location = res.headers.get('location')
  log(`consent ${decision}: ${res.status} -> ${location}`)
  if (location) {
    const cb = await fetch(location)
    log(`callback ${cb.status}`)
  }
} catch (e) {
  log(`error ${e}`)
  process.exitCode = 1
}
