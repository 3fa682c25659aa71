export namespace app {
	
	export class AccountActionInput {
	    accountId: string;
	    type: string;
	    reportId: string;
	    text: string;
	    warningPresetId: string;
	    sendEmail: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AccountActionInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.type = source["type"];
	        this.reportId = source["reportId"];
	        this.text = source["text"];
	        this.warningPresetId = source["warningPresetId"];
	        this.sendEmail = source["sendEmail"];
	    }
	}
	export class AccountView {
	    id: string;
	    acct: string;
	    username: string;
	    domain: string;
	    local: boolean;
	    displayName: string;
	    note: string;
	    avatar: string;
	    url: string;
	    createdAt: string;
	    followers: number;
	    statuses: number;
	    silenced: boolean;
	    suspended: boolean;
	    sensitized: boolean;
	    disabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AccountView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.acct = source["acct"];
	        this.username = source["username"];
	        this.domain = source["domain"];
	        this.local = source["local"];
	        this.displayName = source["displayName"];
	        this.note = source["note"];
	        this.avatar = source["avatar"];
	        this.url = source["url"];
	        this.createdAt = source["createdAt"];
	        this.followers = source["followers"];
	        this.statuses = source["statuses"];
	        this.silenced = source["silenced"];
	        this.suspended = source["suspended"];
	        this.sensitized = source["sensitized"];
	        this.disabled = source["disabled"];
	    }
	}
	export class ActionView {
	    id: string;
	    server: string;
	    kind: string;
	    reportId: string;
	    accountId: string;
	    acct: string;
	    state: string;
	    createdAt: string;
	    updatedAt: string;
	    attempts: number;
	    jobId: string;
	    errorKind: string;
	    errorDetail: string;
	    serverMessage: string;
	    conflictReason: string;
	    conflictBy: string;
	    conflictAt: string;
	    actionType: string;
	    sendEmail: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ActionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.server = source["server"];
	        this.kind = source["kind"];
	        this.reportId = source["reportId"];
	        this.accountId = source["accountId"];
	        this.acct = source["acct"];
	        this.state = source["state"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.attempts = source["attempts"];
	        this.jobId = source["jobId"];
	        this.errorKind = source["errorKind"];
	        this.errorDetail = source["errorDetail"];
	        this.serverMessage = source["serverMessage"];
	        this.conflictReason = source["conflictReason"];
	        this.conflictBy = source["conflictBy"];
	        this.conflictAt = source["conflictAt"];
	        this.actionType = source["actionType"];
	        this.sendEmail = source["sendEmail"];
	    }
	}
	export class AppInfo {
	    version: string;
	    demo: boolean;
	    os: string;
	    dataDir: string;
	    language: string;
	    startupErrorKind: string;
	    startupErrorDetail: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.demo = source["demo"];
	        this.os = source["os"];
	        this.dataDir = source["dataDir"];
	        this.language = source["language"];
	        this.startupErrorKind = source["startupErrorKind"];
	        this.startupErrorDetail = source["startupErrorDetail"];
	    }
	}
	export class Capability {
	    key: string;
	    supported: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Capability(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.supported = source["supported"];
	    }
	}
	export class ConnectRequest {
	    input: string;
	    name: string;
	    hosting: string;
	    provider: string;
	    contractRef: string;
	
	    static createFrom(source: any = {}) {
	        return new ConnectRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.input = source["input"];
	        this.name = source["name"];
	        this.hosting = source["hosting"];
	        this.provider = source["provider"];
	        this.contractRef = source["contractRef"];
	    }
	}
	export class EffectsView {
	    type: string;
	    supported: boolean;
	    resolvesReports: number;
	    reportIds: string[];
	    irreversible: boolean;
	    undoWith: string;
	
	    static createFrom(source: any = {}) {
	        return new EffectsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.supported = source["supported"];
	        this.resolvesReports = source["resolvesReports"];
	        this.reportIds = source["reportIds"];
	        this.irreversible = source["irreversible"];
	        this.undoWith = source["undoWith"];
	    }
	}
	export class FacetCount {
	    value: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new FacetCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.count = source["count"];
	    }
	}
	export class JobView {
	    id: string;
	    kind: string;
	    state: string;
	    done: number;
	    total: number;
	    step: string;
	    errorKind: string;
	    errorDetail: string;
	    result: string;
	
	    static createFrom(source: any = {}) {
	        return new JobView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.state = source["state"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.step = source["step"];
	        this.errorKind = source["errorKind"];
	        this.errorDetail = source["errorDetail"];
	        this.result = source["result"];
	    }
	}
	export class JournalEntryView {
	    time: string;
	    osUser: string;
	    server: string;
	    serverDomain: string;
	    actor: string;
	    target: string;
	    action: string;
	    params: string;
	    result: string;
	    errorKind: string;
	    serverMessage: string;
	
	    static createFrom(source: any = {}) {
	        return new JournalEntryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.time = source["time"];
	        this.osUser = source["osUser"];
	        this.server = source["server"];
	        this.serverDomain = source["serverDomain"];
	        this.actor = source["actor"];
	        this.target = source["target"];
	        this.action = source["action"];
	        this.params = source["params"];
	        this.result = source["result"];
	        this.errorKind = source["errorKind"];
	        this.serverMessage = source["serverMessage"];
	    }
	}
	export class JournalPage {
	    total: number;
	    entries: JournalEntryView[];
	
	    static createFrom(source: any = {}) {
	        return new JournalPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.entries = this.convertValues(source["entries"], JournalEntryView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class JournalQuery {
	    servers: string[];
	    account: string;
	    actions: string[];
	    results: string[];
	    since: string;
	    until: string;
	    text: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new JournalQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.servers = source["servers"];
	        this.account = source["account"];
	        this.actions = source["actions"];
	        this.results = source["results"];
	        this.since = source["since"];
	        this.until = source["until"];
	        this.text = source["text"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class QueueFacets {
	    server: FacetCount[];
	    category: FacetCount[];
	    status: FacetCount[];
	    assigned: FacetCount[];
	    reporterOrigin: FacetCount[];
	    targetOrigin: FacetCount[];
	
	    static createFrom(source: any = {}) {
	        return new QueueFacets(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = this.convertValues(source["server"], FacetCount);
	        this.category = this.convertValues(source["category"], FacetCount);
	        this.status = this.convertValues(source["status"], FacetCount);
	        this.assigned = this.convertValues(source["assigned"], FacetCount);
	        this.reporterOrigin = this.convertValues(source["reporterOrigin"], FacetCount);
	        this.targetOrigin = this.convertValues(source["targetOrigin"], FacetCount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QueueRow {
	    server: string;
	    reportId: string;
	    targetAccountId: string;
	    targetAcct: string;
	    reporterAcct: string;
	    category: string;
	    comment: string;
	    createdAt: string;
	    resolved: boolean;
	    assignedToMe: boolean;
	    assigned: boolean;
	    count: number;
	    openAgainstTarget: number;
	    reportIds: string[];
	
	    static createFrom(source: any = {}) {
	        return new QueueRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = source["server"];
	        this.reportId = source["reportId"];
	        this.targetAccountId = source["targetAccountId"];
	        this.targetAcct = source["targetAcct"];
	        this.reporterAcct = source["reporterAcct"];
	        this.category = source["category"];
	        this.comment = source["comment"];
	        this.createdAt = source["createdAt"];
	        this.resolved = source["resolved"];
	        this.assignedToMe = source["assignedToMe"];
	        this.assigned = source["assigned"];
	        this.count = source["count"];
	        this.openAgainstTarget = source["openAgainstTarget"];
	        this.reportIds = source["reportIds"];
	    }
	}
	export class QueuePage {
	    total: number;
	    reports: number;
	    offset: number;
	    rows: QueueRow[];
	    facets: QueueFacets;
	
	    static createFrom(source: any = {}) {
	        return new QueuePage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.reports = source["reports"];
	        this.offset = source["offset"];
	        this.rows = this.convertValues(source["rows"], QueueRow);
	        this.facets = this.convertValues(source["facets"], QueueFacets);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QueueQuery {
	    servers: string[];
	    status: string;
	    assigned: string;
	    categories: string[];
	    ruleId: string;
	    reporterOrigin: string;
	    targetOrigin: string;
	    targetDomain: string;
	    olderThanHours: number;
	    newerThanHours: number;
	    text: string;
	    sort: string;
	    grouped: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new QueueQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.servers = source["servers"];
	        this.status = source["status"];
	        this.assigned = source["assigned"];
	        this.categories = source["categories"];
	        this.ruleId = source["ruleId"];
	        this.reporterOrigin = source["reporterOrigin"];
	        this.targetOrigin = source["targetOrigin"];
	        this.targetDomain = source["targetDomain"];
	        this.olderThanHours = source["olderThanHours"];
	        this.newerThanHours = source["newerThanHours"];
	        this.text = source["text"];
	        this.sort = source["sort"];
	        this.grouped = source["grouped"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class RemoveResult {
	    revoked: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RemoveResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.revoked = source["revoked"];
	    }
	}
	export class ReportRef {
	    server: string;
	    reportId: string;
	
	    static createFrom(source: any = {}) {
	        return new ReportRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = source["server"];
	        this.reportId = source["reportId"];
	    }
	}
	export class RuleView {
	    id: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new RuleView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	    }
	}
	export class StatusView {
	    id: string;
	    createdAt: string;
	    content: string;
	    spoilerText: string;
	    sensitive: boolean;
	    url: string;
	
	    static createFrom(source: any = {}) {
	        return new StatusView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.content = source["content"];
	        this.spoilerText = source["spoilerText"];
	        this.sensitive = source["sensitive"];
	        this.url = source["url"];
	    }
	}
	export class ReportView {
	    server: string;
	    id: string;
	    category: string;
	    comment: string;
	    forwarded: boolean;
	    createdAt: string;
	    resolved: boolean;
	    resolvedAt: string;
	    resolvedBy: string;
	    assignedTo: string;
	    reporter: AccountView;
	    target: AccountView;
	    statuses: StatusView[];
	    rules: RuleView[];
	    webAdminUrl: string;
	    openAgainstTarget: number;
	    related: QueueRow[];
	    capabilities: Capability[];
	
	    static createFrom(source: any = {}) {
	        return new ReportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = source["server"];
	        this.id = source["id"];
	        this.category = source["category"];
	        this.comment = source["comment"];
	        this.forwarded = source["forwarded"];
	        this.createdAt = source["createdAt"];
	        this.resolved = source["resolved"];
	        this.resolvedAt = source["resolvedAt"];
	        this.resolvedBy = source["resolvedBy"];
	        this.assignedTo = source["assignedTo"];
	        this.reporter = this.convertValues(source["reporter"], AccountView);
	        this.target = this.convertValues(source["target"], AccountView);
	        this.statuses = this.convertValues(source["statuses"], StatusView);
	        this.rules = this.convertValues(source["rules"], RuleView);
	        this.webAdminUrl = source["webAdminUrl"];
	        this.openAgainstTarget = source["openAgainstTarget"];
	        this.related = this.convertValues(source["related"], QueueRow);
	        this.capabilities = this.convertValues(source["capabilities"], Capability);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ServerView {
	    id: string;
	    name: string;
	    domain: string;
	    url: string;
	    software: string;
	    version: string;
	    hosting: string;
	    provider: string;
	    openReports: number;
	    state: string;
	    errorKind: string;
	    errorDetail: string;
	    lastSync: string;
	    account: string;
	    roleName: string;
	    contractRef: string;
	    permissions: string[];
	    capabilities: Capability[];
	    nextSync: string;
	    stream: string;
	    budgetLimit: number;
	    budgetRemaining: number;
	    budgetReset: string;
	    progressDone: number;
	    progressTotal: number;
	    progressStep: string;
	
	    static createFrom(source: any = {}) {
	        return new ServerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.domain = source["domain"];
	        this.url = source["url"];
	        this.software = source["software"];
	        this.version = source["version"];
	        this.hosting = source["hosting"];
	        this.provider = source["provider"];
	        this.openReports = source["openReports"];
	        this.state = source["state"];
	        this.errorKind = source["errorKind"];
	        this.errorDetail = source["errorDetail"];
	        this.lastSync = source["lastSync"];
	        this.account = source["account"];
	        this.roleName = source["roleName"];
	        this.contractRef = source["contractRef"];
	        this.permissions = source["permissions"];
	        this.capabilities = this.convertValues(source["capabilities"], Capability);
	        this.nextSync = source["nextSync"];
	        this.stream = source["stream"];
	        this.budgetLimit = source["budgetLimit"];
	        this.budgetRemaining = source["budgetRemaining"];
	        this.budgetReset = source["budgetReset"];
	        this.progressDone = source["progressDone"];
	        this.progressTotal = source["progressTotal"];
	        this.progressStep = source["progressStep"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

