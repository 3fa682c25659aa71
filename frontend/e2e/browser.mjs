// Launches Debian's chromium through playwright-core for the end-to-end tests.
import { chromium } from 'playwright-core'

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export const baseURL = process.env.E2E_URL || 'http://127.0.0.1:34115/'
export const shotsDir = process.env.E2E_SHOTS || 'e2e-screenshots'

/** Polls fn until it returns something truthy (which it then returns) or the timeout passes. */
export async function waitUntil(what, fn, timeout = 60_000) {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
