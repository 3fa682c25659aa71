// End-to-end: connecting a server through the real UI, in normal (not demo)
// mode, against a simulator running as its own process. The "system browser"
// is the scripted fake-browser.mjs installed as xdg-open, which approves or
// denies on the server's consent page; the token lands in the real Secret
// Service (gnome-keyring in this test's D-Bus session), never in the settings.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { launch, baseURL, shotsDir, waitUntil } from './browser.mjs'

const simURL = process.env.E2E_SIM_URL
const decisionFile = process.env.FAKE_BROWSER_DECISION_FILE
const settingsFile = process.env.STEWARD_SETTINGS

let browser
let page

const servers = () => page.evaluate(() => window.go.app.Servers.List())
const keychain = (key) => {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'steward', 'username', key], { encoding: 'utf8' })
  } catch {
    return ''
  }
}


async function openConnectForm() {
  await page.getByTestId('connect-server').click()
  await page.getByTestId('connect-form').waitFor({ state: 'visible' })
  await page.getByTestId('connect-input').fill(simURL)
  await page.getByTestId('connect-hosting-managed').click()
  await page.getByTestId('connect-provider').fill('Fedihost Services')
  await page.getByTestId('connect-contract').fill('FH-E2E-1')
}

before(async () => {
  assert.ok(simURL && decisionFile && settingsFile, 'run through scripts/e2e.sh')
  browser = await launch()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  await page.goto(baseURL, { waitUntil: 'load' })
  await page.getByTestId('nav-servers').click()
  await page.getByTestId('connect-server').waitFor({ state: 'visible', timeout: 30_000 })
})

after(async () => {
  await browser?.close()
})

test('a denied sign-in ends in a clear message and keeps the form', async () => {
  writeFileSync(decisionFile, 'deny')
  await openConnectForm()
  await page.getByTestId('connect-submit').click()
  const err = page.getByTestId('connect-error')
  await err.waitFor({ state: 'visible', timeout: 60_000 })
  assert.match(await err.innerText(), /declined/i)
  assert.equal(await page.getByTestId('connect-input').inputValue(), simURL)
  assert.equal((await servers()).length, 0)
  await page.keyboard.press('Escape')
})

test('an approved sign-in connects the server: token in the keychain, not in the settings', async () => {
  writeFileSync(decisionFile, 'approve')
  await page.reload({ waitUntil: 'load' })
  await page.getByTestId('nav-servers').click()
  await openConnectForm()
  await page.getByTestId('connect-submit').click()
  const srv = await waitUntil('the connected server', async () => (await servers()).find((s) => s.state === 'idle' && s.openReports > 0))
  assert.equal(srv.hosting, 'managed')
  assert.equal(srv.provider, 'Fedihost Services')
  assert.equal(srv.software, 'mastodon')
  assert.ok(srv.permissions.includes('manage_reports') || srv.permissions.includes('administrator'))
  await page.getByTestId(`server-row-${srv.id}`).waitFor({ state: 'visible', timeout: 30_000 })
  assert.equal((await page.getByTestId(`open-reports-${srv.id}`).innerText()).trim(), String(srv.openReports))

  const token = keychain(`token/${srv.id}`)
  assert.ok(token.length > 20, 'the token is in the Secret Service')
  const settings = readFileSync(settingsFile, 'utf8')
  assert.ok(!settings.includes(token), 'the token is not in the settings file')
  assert.match(settings, /FH-E2E-1/)
  mkdirSync(shotsDir, { recursive: true })
  await page.screenshot({ path: join(shotsDir, 'e2e-connected.png') })

  // Connecting the same server again is refused with a clear message.
  await page.getByTestId('connect-dialog').waitFor({ state: 'hidden', timeout: 30_000 })
  await openConnectForm()
  await page.getByTestId('connect-submit').click()
  const err = page.getByTestId('connect-error')
  await err.waitFor({ state: 'visible', timeout: 60_000 })
  assert.match(await err.innerText(), /already connected/i)
  await page.keyboard.press('Escape')
  await page.getByTestId('connect-dialog').waitFor({ state: 'hidden', timeout: 10_000 })

  // Removing it revokes the token on the server and deletes it from the keychain.
  await page.getByTestId(`more-${srv.id}`).click()
  await page.getByTestId(`remove-${srv.id}`).click()
  await page.getByTestId('remove-confirm').click()
  await waitUntil('the server to be removed', async () => (await servers()).length === 0)
  assert.equal(keychain(`token/${srv.id}`), '')
  const res = await fetch(`${simURL}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(res.status, 401, 'the token was revoked on the server')
})
