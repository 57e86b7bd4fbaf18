import CPangoCairo

/// The bytes cairo writes, collected in memory. Used on the render thread only.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// A PDF surface that writes into a `ByteSink` instead of a file.
enum PDFByteStream {
    /// The callback is a closure literal with no captures in a nonisolated function
    /// of its own file: C calls it synchronously on the render thread, so it must
    /// not inherit any actor isolation (one written in main.swift would be
    /// @MainActor and trap). The sink must stay alive until the surface is finished.
    static func surface(writingTo sink: ByteSink, width: Double, height: Double) -> OpaquePointer? {
        cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), width, height)
    }
}
