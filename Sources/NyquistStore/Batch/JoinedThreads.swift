#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs `body(0) … body(count − 1)` on `count` new POSIX threads with `stackSize`-byte stacks and returns after every
/// thread has been joined (`pthread_join`).
///
/// Why not Foundation's `Thread` + a `DispatchGroup`: the group is left while the thread is still tearing down, so the
/// caller could return, and the process exit, while the worker was still releasing its closure — a race with the
/// runtime's exit-time destructors that crashed `nyquist batch` about once in twenty runs under load
/// (`malloc_consolidate`). A joined thread has finished completely.
///
/// When a thread cannot be created, its share of the work runs on the calling thread instead, so `body` still runs
/// exactly `count` times.
func runOnJoinedThreads(count: Int, stackSize: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Box: @unchecked Sendable {  // handed to exactly one thread, which releases it
        let body: @Sendable (Int) -> Void
        let index: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) { self.body = body; self.index = index }
    }
    #if canImport(Darwin)
    var threads: [pthread_t?] = []
    #else
    var threads: [pthread_t] = []
    #endif
    for index in 0..<max(count, 0) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, max(stackSize, Int(PTHREAD_STACK_MIN)))
        let box = Unmanaged.passRetained(Box(body, index))
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            #if canImport(Darwin)
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            #else
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            #endif
            box.body(box.index)
            return nil
        }, box.toOpaque())
        if status == 0 {
            threads.append(thread)
        } else {
            let work = box.takeRetainedValue()
            work.body(work.index)
        }
    }
    for thread in threads {
        #if canImport(Darwin)
        if let thread { pthread_join(thread, nil) }
        #else
        pthread_join(thread, nil)
        #endif
    }
}

/// `body(items[k])` for every k on up to `jobs` joined threads (each takes the next unread index), results in the
/// order of `items`. Sequential below 16 items, where threads cost more than they save.
func concurrentMap<E: Sendable, T: Sendable>(_ items: [E], jobs: Int, _ body: @escaping @Sendable (E) -> T) -> [T] {
    let threads = items.count < 16 ? 1 : min(jobs, items.count)
    guard threads > 1 else { return items.map(body) }
    let slots = MapSlots<T>(items.count)
    runOnJoinedThreads(count: threads, stackSize: 8 << 20) { _ in
        while true {
            let k = slots.cursor.wrappingAdd(1, ordering: .relaxed).oldValue
            guard k < items.count else { return }
            let value = body(items[k])
            slots.values.withLock { $0[k] = value }
        }
    }
    // Every slot is filled (a thread that cannot start runs on the caller); `?? body` only keeps this total.
    let values = slots.values.withLock { $0 }
    return zip(items, values).map { item, value in value ?? body(item) }
}

/// The results of ``concurrentMap(_:jobs:_:)``: one slot per item and the next index to take.
final class MapSlots<T: Sendable>: Sendable {
    let values: Mutex<[T?]>
    let cursor = Atomic(0)
    init(_ count: Int) { values = Mutex([T?](repeating: nil, count: count)) }
}
