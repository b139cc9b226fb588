import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as deleteOne from './delete.operation';
import * as list from './list.operation';
import * as update from './update.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dav'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webdav account',
			description: 'Create a WebDAV login for a folder; returns the generated password once (sensitive)',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a webdav account', description: 'Delete a WebDAV login' },
		{ name: 'Get Many', value: 'list', action: 'Get many webdav accounts', description: 'List your WebDAV logins' },
		{
			name: 'Update',
			value: 'update',
			action: 'Update a webdav account',
			description: 'Rename a WebDAV login, change its root folder or its read-only/proxy/system-file options',
		},
	],
	default: 'list',
};

export const davResource: ResourceModule = {
	resource: { name: 'WebDAV Account', value: 'dav' },
	operations,
	modules: { create, delete: deleteOne, list, update },
};
