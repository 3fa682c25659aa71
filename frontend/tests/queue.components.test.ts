import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { $, click, settle, typeInto, withProviders } from './helpers'
import { messages } from '../src/i18n'
import qen from '../src/locales/queue.en.json'
import { XSS_PAYLOADS } from './xss-corpus'

vi.mock('../wailsjs/go/app/Queue', () => ({
  Query: vi.fn(), Report: vi.fn(), Assign: vi.fn(), Unassign: vi.fn(), Resolve: vi.fn(), Reopen: vi.fn(),
  UpdateReport: vi.fn(), AccountAction: vi.fn(), DescribeAccountAction: vi.fn(), ResolveMany: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(async () => []), Refresh: vi.fn(), Connect: vi.fn(), SyncNow: vi.fn(), Remove: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn(() => () => {}), BrowserOpenURL: vi.fn() }))

import { AccountAction, DescribeAccountAction, Report } from '../wailsjs/go/app/Queue'
import { BrowserOpenURL } from '../wailsjs/runtime/runtime'
import AccountActionDialog from '../src/components/queue/AccountActionDialog.vue'
import ReportPane from '../src/components/queue/ReportPane.vue'
import { useQueueStore } from '../src/stores/queue'

function i18n() {
  return createI18n({ legacy: false, locale: 'en', fallbackLocale: 'en', messages: { en: { ...messages.en, ...qen } }, missingWarn: false, fallbackWarn: false })
}
const allCaps = ['report_assign', 'report_reopen', 'report_update', 'account_action_none', 'account_action_sensitive', 'account_action_disable', 'account_action_silence', 'account_action_suspend']
const acct = (o: Record<string, unknown> = {}) => ({ id: 'a1', acct: 'troll@bad.example', username: 'troll', domain: 'bad.example', local: false, displayName: 'Troll', note: '', avatar: '', url: '', createdAt: '2024-01-01T00:00:00Z', followers: 3, statuses: 9, silenced: false, suspended: false, sensitized: false, disabled: false, ...o })
function report(o: Record<string, unknown> = {}, unsupported: string[] = []) {
  return {
    server: 's1', id: '42', category: 'violation', comment: 'bad stuff', forwarded: true, createdAt: '2024-05-01T10:00:00Z', resolved: false,
    resolvedAt: '', resolvedBy: '', assignedTo: 'mod1', reporter: acct({ id: 'r1', acct: 'alice', local: true, domain: '' }), target: acct(),
    statuses: [], rules: [{ id: '1', text: 'No hate speech' }], webAdminUrl: 'https://social.example/admin/reports/42', openAgainstTarget: 3,
    related: [{ server: 's1', reportId: '40', targetAccountId: 'a1', targetAcct: 'troll@bad.example', reporterAcct: 'bob', category: 'spam', comment: 'old', createdAt: '2024-04-01T00:00:00Z', resolved: true, assignedToMe: false, assigned: false, count: 1, openAgainstTarget: 3, reportIds: [] }],
    capabilities: allCaps.map((key) => ({ key, supported: !unsupported.includes(key) })),
    ...o,
  }
}

let current: { unmount: () => void } | null = null
afterEach(() => {
  current?.unmount()
  current = null
})
async function mountWith(comp: unknown, props: () => Record<string, unknown> = () => ({})) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const w = mount(withProviders(comp as never, props), { attachTo: document.body, global: { plugins: [pinia, i18n()], stubs: { transition: false } } })
  current = w
  await flushPromises()
  await settle()
  return w
}
const text = (sel: string) => $(sel)?.textContent ?? ''
const checked = (sel: string) => $(sel)?.getAttribute('aria-checked') === 'true' || $(sel)?.classList.contains('n-checkbox--checked')

beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  delete (window as unknown as { __xss?: unknown }).__xss
  vi.mocked(DescribeAccountAction).mockImplementation(async (_s, _a, type) => ({ type, supported: true, resolvesReports: type === 'none' ? 0 : 3, reportIds: ['1', '2', '3'], irreversible: false, undoWith: type === 'silence' ? 'unsilence' : '' }))
  vi.mocked(AccountAction).mockResolvedValue({ id: 'x1', server: 's1', reportId: '42', kind: 'account_action', state: 'pending' } as never)
})

describe('AccountActionDialog', () => {
  const props = (r: unknown) => () => ({ show: true, report: r })

  it('leaves "E-mail the user" unticked by default, with the hint, and sends false', async () => {
    await mountWith(AccountActionDialog, props(report()))
    expect($('[data-testid="account-action-dialog"]')).not.toBeNull()
    expect(checked('[data-testid="send-email"]')).toBe(false)
    expect(text('[data-testid="send-email-hint"]')).toContain('the server would by default')
    typeInto('[data-testid="action-text"]', ' Please stop. ')
    click('[data-testid="action-submit"]') // Warn is not destructive: no confirm step
    await settle()
    expect(AccountAction).toHaveBeenCalledWith('s1', { accountId: 'a1', type: 'none', reportId: '42', text: 'Please stop.', warningPresetId: '', sendEmail: false })
  })

  it('sends true when ticked', async () => {
    await mountWith(AccountActionDialog, props(report()))
    click('[data-testid="send-email"]')
    await settle()
    expect(checked('[data-testid="send-email"]')).toBe(true)
    click('[data-testid="action-submit"]')
    await settle()
    expect(vi.mocked(AccountAction).mock.calls[0][1].sendEmail).toBe(true)
  })

  it('states the side effects and needs a confirmation for destructive types', async () => {
    await mountWith(AccountActionDialog, props(report()))
    click('[data-testid="action-type-silence"] input')
    await settle()
    expect(DescribeAccountAction).toHaveBeenLastCalledWith('s1', 'a1', 'silence')
    expect(text('[data-testid="action-effects"]')).toContain('The server will also resolve the 3 open reports on this account.')
    expect(text('[data-testid="action-effects"]')).toContain('It can be undone later with “Lift limit”.')
    click('[data-testid="action-submit"]')
    await settle()
    expect(AccountAction).not.toHaveBeenCalled()
    expect(text('[data-testid="action-confirm-step"]')).toContain('Limit: troll@bad.example')
    expect(text('[data-testid="action-confirm-step"]')).toContain('The user will not be e-mailed.')
    click('[data-testid="action-confirm"]')
    await settle()
    expect(AccountAction).toHaveBeenCalledTimes(1)
    expect(vi.mocked(AccountAction).mock.calls[0][1]).toMatchObject({ type: 'silence', sendEmail: false })
  })

  it('says when a suspension is irreversible (GoToSocial) and disables unsupported types with the reason', async () => {
    vi.mocked(DescribeAccountAction).mockResolvedValue({ type: 'suspend', supported: true, resolvesReports: 0, reportIds: [], irreversible: true, undoWith: '' })
    const unsupported = ['account_action_none', 'account_action_sensitive', 'account_action_disable', 'account_action_silence']
    await mountWith(AccountActionDialog, props(report({}, unsupported)))
    for (const ty of ['none', 'sensitive', 'disable', 'silence']) {
      expect(($(`[data-testid="action-type-${ty}"] input`) as HTMLInputElement).disabled).toBe(true)
      expect($(`[data-testid="action-type-${ty}-wrap"]`)!.getAttribute('title')).toBe('This server does not support that action.')
      expect(text(`[data-testid="action-type-${ty}-reason"]`)).toBe('This server does not support that action.')
    }
    expect(($('[data-testid="action-type-suspend"] input') as HTMLInputElement).checked).toBe(true)
    expect(text('[data-testid="action-effects"]')).toContain('This cannot be undone on this server.')
  })

  it('shows a refusal translated, including unsupported_by_server', async () => {
    vi.mocked(AccountAction).mockRejectedValue({ kind: 'invalid', detail: 'unsupported_by_server', op: 'x' })
    await mountWith(AccountActionDialog, props(report()))
    click('[data-testid="action-submit"]')
    await settle()
    expect(text('[data-testid="action-error"]')).toContain('This server does not support that action.')
  })
})

describe('ReportPane', () => {
  async function mountPane(r: unknown) {
    vi.mocked(Report).mockResolvedValue(r as never)
    const w = await mountWith(ReportPane)
    await useQueueStore().loadDetail('s1', '42')
    await settle()
    return w
  }

  it('shows everything about the report', async () => {
    await mountPane(report())
    expect(text('[data-testid="pane-target-acct"]')).toBe('troll@bad.example')
    expect(text('[data-testid="pane-reporter"]')).toContain('alice')
    expect(text('[data-testid="pane-reporter"]')).toContain('Forwarded')
    expect(text('[data-testid="pane-rules"]')).toContain('No hate speech')
    expect(text('[data-testid="pane-assignee"]')).toBe('mod1')
    expect(text('[data-testid="pane-comment"]')).toBe('bad stuff')
    expect(text('[data-testid="report-pane"]')).toContain('3 open reports against this account')
    click('[data-testid="pane-web-admin"]')
    expect(BrowserOpenURL).toHaveBeenCalledWith('https://social.example/admin/reports/42')
    click('[data-testid="related-s1-40"]')
    await settle()
    expect(Report).toHaveBeenLastCalledWith('s1', '40')
  })

  it('renders hostile payloads safely', async () => {
    const hostile = '<img src=x onerror=window.__xss=1>'
    await mountPane(report({
      comment: hostile,
      target: acct({ displayName: hostile, note: XSS_PAYLOADS.join('\n'), avatar: 'javascript:window.__xss=1', suspended: true, silenced: true }),
      statuses: XSS_PAYLOADS.map((content, i) => ({ id: `p${i}`, createdAt: '', content, spoilerText: '', sensitive: false, url: 'javascript:window.__xss=1' })),
    }))
    await settle()
    expect(text('[data-testid="pane-display-name"]')).toBe(hostile)
    expect(text('[data-testid="pane-comment"]')).toBe(hostile)
    const pane = $('[data-testid="report-pane"]')!
    expect(pane.querySelector('img[src="x"]')).toBeNull()
    expect(pane.querySelectorAll('img').length).toBe(0) // a javascript: avatar is not shown
    expect(pane.querySelector('script, iframe, svg, style, form, object, embed, [onerror], [onclick]')).toBeNull()
    for (const a of pane.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i)
    expect($('[data-testid="post-original-p0"]')).toBeNull() // no link to a javascript: URL
    expect(text('[data-testid="pane-limits"]')).toContain('Limited')
    expect(text('[data-testid="pane-limits"]')).toContain('Suspended')
    await new Promise((r) => setTimeout(r, 50))
    expect((window as unknown as { __xss?: unknown }).__xss).toBeUndefined()
  })

  it('an https avatar is shown without a referrer', async () => {
    await mountPane(report({ target: acct({ avatar: 'https://cdn.example/a.png' }) }))
    const img = $('[data-testid="pane-avatar"]')!
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer')
    expect(img.getAttribute('src')).toBe('https://cdn.example/a.png')
  })

  it('keeps content warnings and sensitive posts collapsed until Show', async () => {
    await mountPane(report({
      statuses: [
        { id: 'cw', createdAt: '', content: '<p>graphic text</p>', spoilerText: 'violence', sensitive: false, url: 'https://x.example/1' },
        { id: 'ns', createdAt: '', content: '<p>nsfw text</p>', spoilerText: '', sensitive: true, url: '' },
        { id: 'ok', createdAt: '', content: '<p>plain text</p>', spoilerText: '', sensitive: false, url: '' },
      ],
    }))
    expect(text('[data-testid="post-cw-cw"]')).toBe('Content warning: violence')
    expect($('[data-testid="post-body-cw"]')).toBeNull()
    expect($('[data-testid="post-body-ns"]')).toBeNull()
    expect(text('[data-testid="post-body-ok"]')).toContain('plain text')
    expect($('[data-testid="post-toggle-cw"]')!.getAttribute('aria-expanded')).toBe('false')
    click('[data-testid="post-toggle-cw"]')
    await settle()
    expect(text('[data-testid="post-body-cw"]')).toContain('graphic text')
    expect($('[data-testid="post-body-ns"]')).toBeNull()
    click('[data-testid="post-original-cw"]')
    expect(BrowserOpenURL).toHaveBeenCalledWith('https://x.example/1')
  })

  it('disables unsupported and inapplicable actions with the reason (GoToSocial)', async () => {
    await mountPane(report({ resolved: true }, ['report_assign', 'report_reopen', 'report_update']))
    for (const id of ['assign', 'unassign', 'reopen', 'category']) {
      expect(($(`[data-testid="action-${id}"]`) as HTMLButtonElement).disabled).toBe(true)
      expect($(`[data-testid="action-${id}-wrap"]`)!.getAttribute('title')).toBe('This server does not support that action.')
    }
    expect(($('[data-testid="action-resolve"]') as HTMLButtonElement).disabled).toBe(true)
    expect($('[data-testid="action-resolve-wrap"]')!.getAttribute('title')).toBe('This report is already resolved.')
    expect(($('[data-testid="action-accountAction"]') as HTMLButtonElement).disabled).toBe(false)
  })
})
