import Hummingbird

/// Each clerk sees only her own jobs. Every route that takes a job id calls this with the job's
/// owner; another clerk's job answers 404, as if it did not exist, so ids tell nothing.
public func requireOwner(_ ownerID: Int64, context: ServerRequestContext) throws {
    guard let clerk = context.clerk, clerk.id == ownerID else {
        throw HTTPError(.notFound, message: "没有这个任务")
    }
}
