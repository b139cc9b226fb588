// Pure helpers of the share and WebDAV operations: share links → ID and password; DAV option bitsets.
import { davOptions } from '../../nodes/shared/api/dav';
import { parseShareUrl } from '../../nodes/shared/api/shares';

describe('parseShareUrl', () => {
	it.each([
		['http://localhost:5212/s/g2guA/gcqzfaze', { id: 'g2guA', password: 'gcqzfaze' }],
		['https://drive.example.com/s/g2guA', { id: 'g2guA', password: undefined }],
		['https://drive.example.com/prefix/s/g2guA/', { id: 'g2guA', password: undefined }],
		['https://drive.example.com/s/g2guA/Secret42?lang=en#x', { id: 'g2guA', password: 'Secret42' }],
	])('%s', (url, expected) => {
		expect(parseShareUrl(url)).toEqual(expected);
	});

	it('rejects links that are not share links', () => {
		expect(parseShareUrl('https://drive.example.com/home?path=cloudreve://my')).toBeUndefined();
		expect(parseShareUrl('https://drive.example.com/s/')).toBeUndefined();
	});
});

describe('davOptions (base64 bitset, bit n in byte n/8, LSB first)', () => {
	it.each([
		[undefined, { readonly: false, proxy: false, disable_sys_files: false }],
		['', { readonly: false, proxy: false, disable_sys_files: false }],
		['AQ==', { readonly: true, proxy: false, disable_sys_files: false }],
		['Ag==', { readonly: false, proxy: true, disable_sys_files: false }],
		['BQ==', { readonly: true, proxy: false, disable_sys_files: true }],
		['Bw==', { readonly: true, proxy: true, disable_sys_files: true }],
	])('%s', (bitset, expected) => {
		expect(davOptions(bitset)).toEqual(expected);
	});
});
