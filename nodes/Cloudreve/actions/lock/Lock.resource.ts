import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as forceUnlock from './forceUnlock.operation';
import * as unlockByPath from './unlockByPath.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['lock'] } },
	options: [
		{
			name: 'Force Unlock',
			value: 'forceUnlock',
			action: 'Force unlock by lock tokens',
			description: 'Release locks by their tokens (as listed in a "file is locked" error)',
		},
		{
			name: 'Unlock by Path',
			value: 'unlockByPath',
			action: 'Unlock a file or folder',
			description: 'Find the locks on a file or folder held by other applications (WebDAV, online editors, uploads) and release them',
		},
	],
	default: 'unlockByPath',
};

export const lockResource: ResourceModule = {
	resource: { name: 'Lock', value: 'lock' },
	operations,
	modules: { forceUnlock, unlockByPath },
};
