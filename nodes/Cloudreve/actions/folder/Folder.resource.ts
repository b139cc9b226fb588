import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as mountStoragePolicy from './mountStoragePolicy.operation';
import * as updateView from './updateView.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['folder'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a folder', description: 'Create a folder (and any missing parents)' },
		{
			name: 'Mount Storage Policy [Pro]',
			value: 'mountStoragePolicy',
			action: 'Mount a storage policy on a folder',
			description: 'Cloudreve Pro: choose which storage policy new uploads into the folder use',
		},
		{
			name: 'Update View Setting',
			value: 'updateView',
			action: 'Update the view setting of a folder',
			description: 'Save how the web client shows the folder: layout, sorting, page size',
		},
	],
	default: 'create',
};

export const folderResource: ResourceModule = {
	resource: { name: 'Folder', value: 'folder' },
	operations,
	modules: { create, mountStoragePolicy, updateView },
};
