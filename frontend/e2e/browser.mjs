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
