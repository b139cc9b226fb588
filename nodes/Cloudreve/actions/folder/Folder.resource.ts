import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['folder'] } },
	options: [{ name: 'Create', value: 'create', action: 'Create a folder', description: 'Create a folder (and any missing parents)' }],
	default: 'create',
};

export const folderResource: ResourceModule = {
	resource: { name: 'Folder', value: 'folder' },
	operations,
	modules: { create },
};
