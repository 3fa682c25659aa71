// End-to-end: the demo's servers appear in the real UI, served by `wails dev`
// with the real Go backend, with the open-report counts the simulators hold.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, baseURL, shotsDir } from './browser.mjs'

const expected = JSON.parse(readFileSync(new URL('./demo-expected.json', import.meta.url), 'utf8'))

let browser
let page
const consoleErrors = []

before(async () => {
  browser = await launch()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  page.on('pageerror', (err) => consoleErrors.push(String(err)))
  await page.goto(baseURL, { waitUntil: 'load' })
  // Steward opens on the moderation queue; the server list is one click away.
  await page.getByTestId('nav-servers').click()
})

after(async () => {
  await browser?.close()
})

test('the demo banner says this is the demo', async () => {
  const banner = page.getByTestId('demo-banner')
  await banner.waitFor({ state: 'visible', timeout: 30_000 })
  assert.match(await banner.innerText(), /demo/i)
})

test('both demo servers appear with their open report counts', async () => {
  await page.getByTestId('servers-table').waitFor({ state: 'visible', timeout: 30_000 })
  for (const srv of expected.servers) {
    const row = page.getByTestId(`server-row-${srv.id}`)
    await row.waitFor({ state: 'visible', timeout: 30_000 })
    assert.match(await row.innerText(), new RegExp(srv.name))
    const count = page.getByTestId(`open-reports-${srv.id}`)
    // The first sync runs at start-up; wait until the count is the simulator's.
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="open-reports-${id}"]`)?.textContent?.trim() === String(want),
      [srv.id, srv.openReports],
      { timeout: 60_000 },
    )
    assert.equal((await count.innerText()).trim(), String(srv.openReports))
    assert.match(await row.innerText(), new RegExp(srv.softwareLabel, 'i'))
  }
  mkdirSync(shotsDir, { recursive: true })
  await page.screenshot({ path: join(shotsDir, 'e2e-servers.png'), fullPage: true })
})

test('the UI shows what the bound Go method returns', async () => {
  const list = await page.evaluate(() => window.go.app.Servers.List())
  assert.equal(list.length, expected.servers.length)
  for (const srv of list) {
    const shown = await page.getByTestId(`open-reports-${srv.id}`).innerText()
    assert.equal(shown.trim(), String(srv.openReports))
  }
})

test('refresh re-syncs without errors', async () => {
  await page.getByTestId('refresh-servers').click()
  for (const srv of expected.servers) {
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="open-reports-${id}"]`)?.textContent?.trim() === String(want),
      [srv.id, srv.openReports],
      { timeout: 30_000 },
    )
  }
  assert.deepEqual(consoleErrors, [])
})
