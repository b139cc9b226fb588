import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getCapacity from './getCapacity.operation';
import * as getCurrent from './getCurrent.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{ name: 'Get Current', value: 'getCurrent', action: 'Get the current user', description: 'Get the signed-in user: ID, email, group, pins' },
		{ name: 'Get Storage Capacity', value: 'getCapacity', action: 'Get storage capacity', description: 'Get the total and used storage in bytes' },
	],
	default: 'getCurrent',
};

export const userResource: ResourceModule = {
	resource: { name: 'User', value: 'user' },
	operations,
	modules: { getCurrent, getCapacity },
};
