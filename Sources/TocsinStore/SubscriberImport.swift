import Foundation
import TocsinCore

/// Imports a CSV list of supporters with their consent evidence into an active campaign
/// (`tocsin subscribers import`).
///
/// The file is read in chunks and written in batches of ``batchSize`` rows, each batch one transaction
/// with one audit record, so memory stays flat with the file size. Columns: see
/// ``SubscriberImportColumns``; rows: ``SubscriberImportColumns/row(_:line:rules:)``; what each row does:
/// ``SQLiteStore/importSubscribers(_:campaignID:actor:label:now:)``. Running the same file twice changes
/// nothing the second time (every row is then "already subscribed").
public struct SubscriberImport: Sendable {
    public var store: any SubscriberImportStore
    public var campaignSlug: String
    /// Region for numbers written without a country code (the organisation's default region).
    public var defaultRegion: String
    /// Who imports, for the consent ledger and the audit trail.
    public var actor: String
    public var batchSize: Int
    static let chunkBytes = 256 * 1024

    public init(store: any SubscriberImportStore, campaignSlug: String, defaultRegion: String, actor: String = "cli", batchSize: Int = 1000) {
        self.store = store
        self.campaignSlug = campaignSlug
        self.defaultRegion = defaultRegion
        self.actor = actor
        self.batchSize = max(1, batchSize)
    }

    /// Imports the CSV file at `path`.
    ///
    /// - Parameters:
    ///   - progress: called after each batch.
    ///   - rejected: called for each rejected row with the file's header row, in file order (a batch at a time).
    /// - Throws: ``SubscriberImportError`` when the file or the campaign cannot be used at all (nothing was
    ///   imported); errors thrown by `rejected`; store errors.
    public func run(
        path: String, now: Date, progress: (SubscriberImportProgress) -> Void = { _ in },
        rejected: (SubscriberImportRejection, _ header: [String]) throws -> Void
    ) async throws -> SubscriberImportSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { throw SubscriberImportError("cannot read \(path): no such file") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try await self.run(name: name, totalBytes: size, now: now, progress: progress, rejected: rejected) {
            try handle.read(upToCount: Self.chunkBytes)
        }
    }

    /// Imports CSV text held in memory (`name` labels it in messages and the audit trail).
    public func run(
        data: Data, name: String, now: Date, progress: (SubscriberImportProgress) -> Void = { _ in },
        rejected: (SubscriberImportRejection, _ header: [String]) throws -> Void
    ) async throws -> SubscriberImportSummary {
        var offset = 0
        return try await self.run(name: name, totalBytes: data.count, now: now, progress: progress, rejected: rejected) {
            guard offset < data.count else { return nil }
            let end = min(data.count, offset + Self.chunkBytes)
            defer { offset = end }
            return data.subdata(in: offset..<end)
        }
    }

    private func run(
        name: String, totalBytes: Int?, now: Date, progress: (SubscriberImportProgress) -> Void,
        rejected: (SubscriberImportRejection, _ header: [String]) throws -> Void, nextChunk: () throws -> Data?
    ) async throws -> SubscriberImportSummary {
        guard let campaign = try await self.store.campaign(slug: self.campaignSlug) else {
            throw SubscriberImportError("no campaign with slug '\(self.campaignSlug)'; list them with GET /v1/campaigns")
        }
        guard campaign.status == .active else {
            throw SubscriberImportError("campaign '\(self.campaignSlug)' is archived; import into an active campaign")
        }
        let rules = SubscriberImportRules(defaultRegion: self.defaultRegion, languages: campaign.languages, now: now)
        var state = ImportState(name: name, totalBytes: totalBytes)
        var parser = SubscriberCSVParser()
        var records: [SubscriberCSVRecord] = []
        while let chunk = try nextChunk(), !chunk.isEmpty {
            state.progress.bytesRead += chunk.count
            parser.feed(chunk) { records.append($0) }
            try await self.process(&records, state: &state, campaign: campaign, rules: rules, now: now, progress: progress, rejected: rejected)
        }
        parser.finish { records.append($0) }
        try await self.process(&records, state: &state, campaign: campaign, rules: rules, now: now, progress: progress, rejected: rejected)
        guard let columns = state.columns else {
            throw SubscriberImportError("\(name) is empty; it needs a header row such as \(SubscriberImportColumns.required.joined(separator: ","))")
        }
        try await self.commit(&state, campaign: campaign, progress: progress, rejected: rejected, now: now)
        return SubscriberImportSummary(
            imported: state.progress.imported, skipped: state.progress.skipped, rejected: state.progress.rejected,
            ignoredColumns: columns.ignored
        )
    }

    /// Checks parsed records, committing a batch whenever one is full.
    private func process(
        _ records: inout [SubscriberCSVRecord], state: inout ImportState, campaign: Campaign, rules: SubscriberImportRules,
        now: Date, progress: (SubscriberImportProgress) -> Void, rejected: (SubscriberImportRejection, _ header: [String]) throws -> Void
    ) async throws {
        defer { records.removeAll(keepingCapacity: true) }
        for record in records {
            guard let columns = state.columns else {
                if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                if let problem = record.problem { throw SubscriberImportError("the header row cannot be read: \(problem)") }
                state.columns = try SubscriberImportColumns(header: record.fields)
                continue
            }
            if columns.isBlank(record.fields), record.problem == nil { continue }
            state.progress.rows += 1
            do {
                if let problem = record.problem {
                    throw SubscriberImportRejection(line: record.line, reason: problem, fields: record.fields)
                }
                state.batch.append(try columns.row(record.fields, line: record.line, rules: rules))
                state.batchFields.append(record.fields)
            } catch let error as SubscriberImportRejection {
                state.progress.rejected += 1
                state.rejections.append(error)
            }
            if state.batch.count + state.rejections.count >= self.batchSize {
                try await self.commit(&state, campaign: campaign, progress: progress, rejected: rejected, now: now)
            }
        }
    }

    /// Writes the pending batch in one transaction.
    private func commit(
        _ state: inout ImportState, campaign: Campaign, progress: (SubscriberImportProgress) -> Void,
        rejected: (SubscriberImportRejection, _ header: [String]) throws -> Void, now: Date
    ) async throws {
        defer { progress(state.progress) }
        var rejections = state.rejections
        if let first = state.batch.first, let last = state.batch.last {
            let label = "\(state.name) lines \(first.line)–\(last.line)"
            let outcomes = try await self.store.importSubscribers(
                state.batch, campaignID: campaign.id, actor: self.actor, label: label, now: now
            )
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .imported: state.progress.imported += 1
                case .alreadySubscribed: state.progress.skipped += 1
                case .rejected(let reason):
                    state.progress.rejected += 1
                    rejections.append(
                        SubscriberImportRejection(line: state.batch[index].line, reason: reason, fields: state.batchFields[index])
                    )
                }
            }
        }
        state.batch.removeAll(keepingCapacity: true)
        state.batchFields.removeAll(keepingCapacity: true)
        state.rejections.removeAll(keepingCapacity: true)
        rejections.sort { $0.line < $1.line }
        for rejection in rejections { try rejected(rejection, state.columns?.header ?? []) }
    }

    private struct ImportState {
        let name: String
        var columns: SubscriberImportColumns?
        var batch: [SubscriberImportRow] = []
        var batchFields: [[String]] = []
        /// Rows of the batch refused before reaching the store, reported with the batch in line order.
        var rejections: [SubscriberImportRejection] = []
        var progress: SubscriberImportProgress

        init(name: String, totalBytes: Int?) {
            self.name = name
            self.progress = SubscriberImportProgress(totalBytes: totalBytes)
        }
    }
}
