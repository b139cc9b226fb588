// The trigger's parameters (n8n-notes.md §5 wording).
import type { INodeProperties } from 'n8n-workflow';

import { categoryFilter } from '../Cloudreve/actions/file/filters';
import { locatorProperty } from '../shared/locator';

export type TriggerEvent = 'newFile' | 'fileUpdated' | 'taskFinished';

const fileEvents = { event: ['newFile', 'fileUpdated'] };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'File Updated',
				value: 'fileUpdated',
				description: 'A file in the folder gets a new version or its content changes',
			},
			{
				name: 'New File',
				value: 'newFile',
				description: 'A file (or folder) appears in the folder; uploads count once they complete',
			},
			{
				name: 'Task Finished',
				value: 'taskFinished',
				description: 'A remote download, archive, extract, relocate or import task finishes',
			},
		],
		default: 'newFile',
	},
	locatorProperty({
		name: 'folder',
		displayName: 'Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder to watch',
		displayOptions: { show: fileEvents },
	}),
	{
		displayName: 'Include Subfolders',
		name: 'includeSubfolders',
		type: 'boolean',
		default: false,
		description: 'Whether to watch every folder below the chosen one too (still one request per poll)',
		displayOptions: { show: fileEvents },
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		options: [
			{ name: 'Files Only', value: 'files' },
			{ name: 'Files and Folders', value: 'all' },
		],
		default: 'files',
		description: 'Whether new folders trigger too',
		displayOptions: { show: { event: ['newFile'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: fileEvents },
		options: [
			{ ...categoryFilter, description: "Only files of this kind, as the site's file categories define it" },
			{
				displayName: 'Extensions',
				name: 'extensions',
				type: 'string',
				default: '',
				placeholder: 'pdf, docx, xlsx',
				description: 'Only files with one of these extensions (comma-separated, without dots)',
			},
			{
				displayName: 'Maximum Size (Bytes)',
				name: 'maxSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Only files up to this size; 0 means no limit',
			},
			{
				displayName: 'Minimum Size (Bytes)',
				name: 'minSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Only files at least this large',
			},
			{
				displayName: 'Name Pattern',
				name: 'namePattern',
				type: 'string',
				default: '',
				placeholder: 'invoice-*.pdf',
				description: 'Only names matching this pattern; * matches any text; case-insensitive',
			},
		],
	},
	{
		displayName: 'Download File',
		name: 'downloadFile',
		type: 'boolean',
		default: false,
		description: 'Whether to attach each file\'s content as binary data (streamed, never held in memory whole)',
		displayOptions: { show: fileEvents },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { ...fileEvents, downloadFile: [true] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Canceled', value: 'canceled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Failed', value: 'error' },
		],
		default: ['completed'],
		description: 'Which outcomes trigger',
		displayOptions: { show: { event: ['taskFinished'] } },
	},
	{
		displayName: 'Task Types',
		name: 'taskTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Create Archive', value: 'create_archive' },
			{ name: 'Extract Archive', value: 'extract_archive' },
			{ name: 'Import External Files', value: 'import' },
			{ name: 'Relocate Storage Policy', value: 'relocate' },
			{ name: 'Remote Download', value: 'remote_download' },
		],
		default: ['create_archive', 'extract_archive', 'import', 'relocate', 'remote_download'],
		description: 'Which kinds of task trigger',
		displayOptions: { show: { event: ['taskFinished'] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Emit Existing Items on First Run',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first activation emits what already exists (files in the folder, finished tasks) instead of only what arrives afterwards',
			},
		],
	},
];
