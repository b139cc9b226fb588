// Resource locators for files and folders (n8n-notes.md §5): browse from a list, type a path, paste a
// `cloudreve://` URI, or give a file ID. Every mode resolves to a canonical URI through uri.ts.
import type { IExecuteFunctions, INodeProperties, IPollFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFileInfo } from './api/files';
import type { CloudreveClient } from './transport/client';
import { toUri, UriError } from './uri';

export type LocatorTarget = 'file' | 'folder' | 'any';

const SEARCH_METHOD: Record<LocatorTarget, string> = { file: 'searchFiles', folder: 'searchFolders', any: 'searchAll' };

/** A resource locator parameter for a file, a folder or either. */
export function locatorProperty(options: {
	name: string;
	displayName: string;
	target: LocatorTarget;
	description?: string;
	required?: boolean;
	displayOptions?: INodeProperties['displayOptions'];
	defaultPath?: string;
}): INodeProperties {
	const noun = options.target === 'any' ? 'file or folder' : options.target;
	const initial = options.defaultPath !== undefined ? { mode: 'path', value: options.defaultPath } : { mode: 'list', value: '' };
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: initial,
		required: options.required ?? true,
		description: options.description,
		displayOptions: options.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}...`,
				typeOptions: { searchListMethod: SEARCH_METHOD[options.target], searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: options.target === 'folder' ? '/Reports/2026' : '/Reports/2026/q1.pdf',
				hint: 'A path in your drive, starting with /',
			},
			{
				displayName: 'By URI',
				name: 'uri',
				type: 'string',
				placeholder: 'cloudreve://my/Reports/2026',
				hint: 'A cloudreve:// URI: my, trash, shared_with_me, or a share such as cloudreve://<id>:<password>@share/...',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^cloudreve://.+', errorMessage: 'Enter a URI that starts with cloudreve://' },
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'lpua',
				hint: 'The file ID Cloudreve shows as "id" (owner or admin only)',
			},
		],
	};
}

/** `parentFolder` → `Parent Folder`: the display names of locator parameters follow their names. */
function displayNameOf(parameterName: string): string {
	const words = parameterName.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Reads a locator parameter and returns the item's canonical `cloudreve://` URI. */
export async function readLocatorUri(
	ctx: IExecuteFunctions | IPollFunctions,
	client: CloudreveClient,
	parameterName: string,
	itemIndex: number,
): Promise<string> {
	const locator = ctx.getNodeParameter(parameterName, itemIndex) as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'string' ? 'path' : locator.mode;
	const value = String(typeof locator === 'string' ? locator : (locator.value ?? '')).trim();
	const label = displayNameOf(parameterName);
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `"${label}" is empty`, {
			itemIndex,
			description: 'Pick an item from the list, or enter a path such as /Reports/2026, a cloudreve:// URI, or a file ID.',
		});
	}
	if (mode === 'id') {
		const info = await getFileInfo(client, { id: value }, { itemIndex });
		return info.path;
	}
	let uri: string | undefined;
	let problem: string | undefined;
	try {
		uri = toUri(value);
	} catch (error) {
		problem = error instanceof UriError ? error.message : String(error);
	}
	if (!uri) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" is not a valid path or URI`, {
			itemIndex,
			description: `${problem}. Use a path such as /Reports/2026 or a URI such as cloudreve://my/Reports/2026.`,
		});
	}
	return uri;
}

/** The web client's address of a file or folder, for `url` in list results. */
export function webUrl(siteUrl: string, uri: string): string {
	return `${siteUrl}/home?path=${encodeURIComponent(uri)}`;
}
