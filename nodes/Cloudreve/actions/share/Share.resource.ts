import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as deleteOne from './delete.operation';
import * as deleteMany from './deleteMany.operation';
import * as edit from './edit.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listUserShares from './listUserShares.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['share'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a share link',
			description: 'Share a file or folder; returns the link ready to send, its ID and password',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a share link', description: 'Delete one of your share links (the file is kept)' },
		{ name: 'Delete Many', value: 'deleteMany', action: 'Delete many share links', description: 'Delete several of your share links in one request' },
		{
			name: 'Edit',
			value: 'edit',
			action: 'Edit a share link',
			description: 'Change the downloads limit, expiry, view settings or README display of a share (not its password)',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a share link',
			description: 'Get a share\'s name, owner, views, downloads and expiry; unlock a protected share with its password',
		},
		{ name: 'Get Many', value: 'list', action: 'Get many share links', description: 'List the share links you created' },
		{
			name: 'Get Many of a User',
			value: 'listUserShares',
			action: 'Get many share links of a user',
			description: 'List the share links a user shows on their public profile',
		},
	],
	default: 'create',
};

export const shareResource: ResourceModule = {
	resource: { name: 'Share', value: 'share' },
	operations,
	modules: { create, delete: deleteOne, deleteMany, edit, get, list, listUserShares },
};
