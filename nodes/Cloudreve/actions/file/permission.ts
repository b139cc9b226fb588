// [Pro] Set permission / Delete permission (cloudreve-api.md §2.6 Permission, request body from apifox only).
import type { INodeProperties } from 'n8n-workflow';

import { lockPolicyOption } from '../../../shared/api/locks';
import { locatorProperty } from '../../../shared/locator';
import { additionalItemsOption } from './batch';

export function permissionTargetDescription(operation: string, description: string): INodeProperties[] {
	const show = { resource: ['file'], operation: [operation] };
	return [
		{
			displayName: 'This operation needs Cloudreve Pro; a community server answers that the endpoint does not exist',
			name: 'proNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		locatorProperty({ name: 'file', displayName: 'File or Folder', target: 'any', description, displayOptions: { show } }),
	];
}

export function permissionOptions(operation: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['file'], operation: [operation] } },
		options: [additionalItemsOption, lockPolicyOption],
	};
}
