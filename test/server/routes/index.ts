import type { Router } from '../router';
import { registerDavRoutes } from './dav';
import { registerFileRoutes } from './file';
import { registerFileOpsRoutes } from './file-ops';
import { registerProFileRoutes } from './pro-files';
import { registerProRoutes } from './pro';
import { registerSessionRoutes } from './session';
import { registerShareRoutes } from './share';
import { registerSiteRoutes } from './site';
import { registerUploadRoutes } from './upload';
import { registerUserRoutes } from './user';
import { registerUserExtraRoutes } from './user-extra';
import { registerWorkflowRoutes } from './workflow';

/**
 * Every route group registers itself here. To add one: create `routes/<group>.ts` exporting
 * `register<Group>Routes(r: Router)` and add a line below (e.g. upload, file-ops, share, workflow, dav, pro).
 */
export function registerRoutes(r: Router): void {
	registerSiteRoutes(r);
	registerSessionRoutes(r);
	registerUserRoutes(r);
	registerFileRoutes(r);
	registerUploadRoutes(r);
	registerFileOpsRoutes(r);
	registerProFileRoutes(r);
	registerWorkflowRoutes(r);
	registerShareRoutes(r);
	registerUserExtraRoutes(r);
	registerDavRoutes(r);
	registerProRoutes(r);
}
