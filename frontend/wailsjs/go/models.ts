export namespace app {
	
	export class AppInfo {
	    version: string;
	    demo: boolean;
	    os: string;
	    dataDir: string;
	    language: string;
	
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

