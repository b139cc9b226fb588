// Set current version and Delete version share their parameters (cloudreve-api.md §2.6 Version).
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lockPolicyOption } from '../../../shared/api/locks';
import { locatorProperty } from '../../../shared/locator';

export function versionDescription(operation: string, verb: string): INodeProperties[] {
	const show = { resource: ['file'], operation: [operation] };
	return [
		locatorProperty({ name: 'file', displayName: 'File', target: 'file', description: `The file whose version to ${verb}`, displayOptions: { show } }),
		{
			displayName: 'Version ID',
			name: 'version',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'aXbq',
			description: 'The version (entity) ID, as listed by File → Get with Extended Info under extended_info.entities (type 0 = version)',
			displayOptions: { show },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [lockPolicyOption],
		},
	];
}

export function readVersion(ctx: IExecuteFunctions, i: number): string {
	const version = String(ctx.getNodeParameter('version', i)).trim();
	if (!version) {
		throw new NodeOperationError(ctx.getNode(), 'Version ID is empty', {
			itemIndex: i,
			description: 'Run File → Get with the Extended Info option and copy an id from extended_info.entities.',
		});
	}
	return version;
}

