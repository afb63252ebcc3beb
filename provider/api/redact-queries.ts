/**
 * The HTTP layer's network errors quote the whole request URL, whose query carries every business
 * parameter, NotifyAuthKey included: keep the address, drop the query. Pure.
 */
export function redactQueries(message: string): string {
    return message.replace(/(\bhttps?:\/\/[^\s?]*)\?\S*/gi, "$1?<query redacted>");
}
