import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as ping from './ping.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['site'] } },
	options: [{ name: 'Ping', value: 'ping', action: 'Ping the site', description: 'Get the Cloudreve version (and whether it is Pro)' }],
	default: 'ping',
};

export const siteResource: ResourceModule = {
	resource: { name: 'Site', value: 'site' },
	operations,
	modules: { ping },
};
