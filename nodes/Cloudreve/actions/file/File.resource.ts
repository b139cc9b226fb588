import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as list from './list.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['file'] } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get a file or folder', description: 'Get the details of a file or folder' },
		{ name: 'List', value: 'list', action: 'List a folder', description: 'List the files and subfolders of a folder' },
	],
	default: 'list',
};

export const fileResource: ResourceModule = {
	resource: { name: 'File', value: 'file' },
	operations,
	modules: { get, list },
};
