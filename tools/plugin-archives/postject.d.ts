/** postject 1.0.0-alpha.6 ships no types: its one API function, as its dist/api.js defines it. */
declare module "postject" {
    export function inject(
        filename: string,
        resourceName: string,
        resourceData: Buffer,
        options?: { readonly sentinelFuse?: string; readonly machoSegmentName?: string; readonly overwrite?: boolean },
    ): Promise<void>;
}
