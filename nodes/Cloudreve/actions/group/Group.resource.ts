import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as list from './list.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['group'] } },
	options: [
		{
			name: 'Get Many [Pro]',
			value: 'list',
			action: 'Get many user groups',
			description: 'List the user groups of the site (Cloudreve Pro; community servers answer "needs Cloudreve Pro")',
		},
	],
	default: 'list',
};

export const groupResource: ResourceModule = {
	resource: { name: 'Group', value: 'group' },
	operations,
	modules: { list },
};
