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
	    }
	}

}

