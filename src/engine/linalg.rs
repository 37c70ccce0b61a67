//! Matrix products: every product of the engine goes through [`matmul`] (or its transposed
//! forms [`matmul_tn`] and [`matmul_nt`]), so the backend is chosen in one place.
//!
//! The backend is faer's `matmul` (pure Rust, stable AVX2/FMA kernels picked at run time): on this
//! project's machine about 20 % faster per core than matrixmultiply (ndarray's `.dot`) at the
//! book's shapes, and within a few per cent of OpenBLAS (README, "Performance").
//!
//! Inside [`team`] a product of at least [`SPLIT_WORK`] multiply-adds is cut into blocks of rows
//! of the result, one per core, each block computed on one thread; outside it only products of at
//! least [`LONE_SPLIT_WORK`] are. The difference is the cost of waking a thread: on this
//! project's 2-core VM a sleeping rayon worker takes 25–80 µs to pick up a job, as long as half
//! of the book's `X·W1` (0.2 ms on one core), so splitting it from a plain thread gained nothing.
//! A team keeps its helpers spinning while the work runs and the calling thread takes a share
//! itself, so a split costs a few µs and the book's products run 1.6× faster.
//!
//! A team is never allowed to be slower than this thread alone. On a busy machine (a browser, an
//! editor, another process on the second core) a helper may be descheduled while it holds its
//! half, and the caller, done with its own, waits for it. Every split is timed: when the other
//! half comes back well after this thread's own, the split did not pay, the rest of that team's
//! work runs unsplit and the next team calls run alone (no helper woken, none spinning), twice as
//! many after each split that did not pay, up to [`MAX_BACKOFF`]; a split that pays halves the
//! count again. [`set_threads`] (`--threads`, `BACKSTEP_THREADS`) chooses the team's size.
//!
//! Views of any layout are accepted: row-major (a matrix, a block of its rows) and column-major
//! (a transposed matrix, `x.t()`) are read in place; anything else is copied once first.

use std::cell::{Cell, OnceCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::Thread;
use std::time::{Duration, Instant};

use faer::{Accum, MatMut, MatRef, Par};
use ndarray::{ArrayView2, ArrayViewMut2, Axis};
use rayon::{ThreadPool, ThreadPoolBuilder, Yield};

use super::Matrix;

/// Inside a [`team`], products of at least this many multiply-adds (m·k·n) are split across the
/// cores. The book's products at batch 100 (100×784·784×50, 3.9 million) are split; the second
/// layer's (100×50·50×10, 50,000) would spend more on handing over than on the arithmetic.
pub const SPLIT_WORK: usize = 1 << 19;

/// Outside a team, products of at least this many multiply-adds are split: enough arithmetic
/// (about 1 ms on one core) that waking a sleeping thread is a small part of it.
pub const LONE_SPLIT_WORK: usize = 1 << 25;

/// Inside a team, [`fill_rows`] of at least this many cells is split across the cores: the
/// book's MNIST mini-batch (100 rows of 784) is, and gathering it takes half the time.
pub const SPLIT_CELLS: usize = 1 << 16;

/// Inside a team, an optimizer's update of a parameter of at least this many cells is split
/// across the cores: the book's W1 (784×50) is, its b1 and W2 are not.
pub const SPLIT_UPDATE: usize = 1 << 14;

/// Each block of the split has at least this many rows of the result.
const MIN_ROWS: usize = 8;

/// At most this many team calls in a row run alone after splits that did not pay.
pub const MAX_BACKOFF: u32 = 256;

/// The threads a team uses; 0 means every core the machine offers.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Use `n` threads for the work that is shared between cores (a team, the numerical gradient);
/// 0 means every available core. Takes effect for teams built after the call: call it before
/// any work, as the command line does.
pub fn set_threads(n: usize) {
    THREADS.store(n, Ordering::Relaxed);
}

/// The threads shared work uses: [`set_threads`]'s number, else the machine's available cores.
pub fn threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// When a team's splits do not pay: how many of the next team calls run alone, and how many
/// the next split that does not pay will make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Team calls still to run alone.
    pub skip: u32,
    /// The skip the next split that does not pay sets (then doubled, up to [`MAX_BACKOFF`]).
    pub penalty: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            skip: 0,
            penalty: 1,
        }
    }
}

impl Backoff {
    /// Whether the next team call may wake its helpers (else it runs alone, counting down).
    pub fn admit(&mut self) -> bool {
        if self.skip > 0 {
            self.skip -= 1;
            false
        } else {
            true
        }
    }

    /// Whether a split paid: this thread ran its own part in `own`, then waited `waited` for
    /// the rest. Doing both halves alone takes about `2·own`; a split that left this thread
    /// waiting more than nine tenths of its own time (plus scheduling noise) saved next to
    /// nothing. A helper's half of a copy can take 1.6× this thread's (the source is in this
    /// core's cache: im2col of the book's SimpleConvNet, own 0.6 ms, waited 0.34–0.49 ms), and
    /// still save a fifth; a helper sharing its core with a busy program takes twice as long,
    /// or is descheduled for milliseconds.
    pub fn paid(own: Duration, waited: Duration) -> bool {
        waited <= own * 9 / 10 + Duration::from_micros(20)
    }

    /// A team call ended: `splits` splits were timed, `unpaid` of them did not pay.
    pub fn settle(&mut self, splits: u32, unpaid: u32) {
        if unpaid > 0 {
            self.skip = self.penalty;
            self.penalty = (self.penalty * 2).min(MAX_BACKOFF);
        } else if splits > 0 {
            self.penalty = (self.penalty / 2).max(1);
        }
    }
}

/// `a · b`.
///
/// # Panics
/// If the inner dimensions differ — a programming error, as with ndarray's `dot`; networks are
/// validated before they run.
pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Matrix {
    let mut c = Matrix::zeros((a.nrows(), b.ncols()));
    matmul_into(a, b, c.view_mut());
    c
}

/// [`matmul`] written into `c` (the product's shape; what it held is not read): the same
/// numbers, into a buffer the caller reuses.
///
/// # Panics
/// If the shapes do not fit, as [`matmul`].
pub fn matmul_into(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>, mut c: ArrayViewMut2<'_, f64>) {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    assert_eq!(k, k2, "matmul: {m}×{k} · {k2}×{n} do not fit");
    assert_eq!(
        c.dim(),
        (m, n),
        "matmul: the product of {m}×{k} · {k2}×{n} is {m}×{n}"
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c.fill(0.0);
        return;
    }
    if !c.is_standard_layout() {
        // the blocks below are written as row-major slices
        c.assign(&matmul(a, b));
        return;
    }
    let a_own;
    let a = match faer_view(&a) {
        Some(v) => v,
        None => {
            a_own = a.as_standard_layout().into_owned();
            MatRef::from_row_major_slice(a_own.as_slice().unwrap_or(&[]), m, k)
        }
    };
    let b_own;
    let b = match faer_view(&b) {
        Some(v) => v,
        None => {
            b_own = b.as_standard_layout().into_owned();
            MatRef::from_row_major_slice(b_own.as_slice().unwrap_or(&[]), k, n)
        }
    };
    let parts = if alone() {
        1
    } else if in_team() {
        parts(m, k, n, SPLIT_WORK, rayon::current_num_threads())
    } else {
        parts(m, k, n, LONE_SPLIT_WORK, rayon::current_num_threads())
    };
    split(c, a, b, parts);
}

thread_local! {
    /// This thread's team: a rayon pool of which it is thread 0 (`None` on one core, or when the
    /// pool could not be built: then everything runs on this thread).
    static TEAM: OnceCell<Option<Team>> = const { OnceCell::new() };
    /// Whether this thread is inside [`team`] now.
    static IN_TEAM: Cell<bool> = const { Cell::new(false) };
    /// Whether this thread runs its products whole, unsplit (inside [`spread`]).
    static ALONE: Cell<bool> = const { Cell::new(false) };
    /// This thread's backoff: team calls to run alone after splits that did not pay.
    static BACKOFF: Cell<Backoff> = Cell::new(Backoff::default());
    /// The current team call's splits so far: (timed, did not pay).
    static SPLITS: Cell<(u32, u32)> = const { Cell::new((0, 0)) };
    /// When the current team call started (its helpers were sent for).
    static CALL_START: Cell<Option<Instant>> = const { Cell::new(None) };
    /// The current team call's chances to split so far.
    static CHANCES: Cell<u32> = const { Cell::new(0) };
}

/// How long after a team call starts a big share waits for a helper still on its way: a pool
/// thread asleep takes 25–80 µs to wake, and up to 600 µs on this project's VM (the training
/// screen computes its picture between two steps, and the helper falls asleep meanwhile).
pub const WAKE_GRACE: Duration = Duration::from_millis(1);

/// A split of at least this many cells early in a team call waits (up to [`WAKE_GRACE`] from the
/// call's start) for a helper still waking: 2¹⁸, a quarter of a convolution's im2col at the
/// book's batch; a mini-batch's copy (78,400 cells) does not wait.
pub const WAIT_CELLS: usize = 1 << 18;

/// This thread's backoff now (tests and benches read it).
pub fn backoff() -> Backoff {
    BACKOFF.with(Cell::get)
}

/// Whether this thread splits nothing now: it runs one of [`spread`]'s calls, or a split of
/// this team call did not pay.
fn alone() -> bool {
    ALONE.with(Cell::get) || SPLITS.with(|s| s.get().1 > 0)
}

/// `work(i)` for each `i` in `0..n`, in order of `i` in the result. Inside a [`team`] the calls
/// are spread over its threads and each runs its products whole on its own core (an evaluation's
/// chunks: 90 % of a core's speed each, against about 75 % for one product cut in two); else
/// one after another on this thread.
pub fn spread<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use rayon::iter::{IntoParallelIterator, ParallelIterator};
    if !in_team() || alone() || n < 2 {
        return (0..n).map(work).collect();
    }
    wake_helpers();
    (0..n)
        .into_par_iter()
        .map(|i| {
            let before = ALONE.with(|a| a.replace(true));
            let _restore = Restore(before);
            work(i)
        })
        .collect()
}

/// Runs `work` with this thread's products on this thread alone, unsplit, and no team inside it
/// ([`crate::engine::par::map`] runs each of its jobs so, when several run at once).
pub fn one_core<T>(work: impl FnOnce() -> T) -> T {
    let before = ALONE.with(|a| a.replace(true));
    let _restore = Restore(before);
    work()
}

/// Whether this thread runs inside [`one_core`] now (a job of [`crate::engine::par::map`], a
/// call of [`spread`]).
pub fn on_one_core() -> bool {
    ALONE.with(Cell::get)
}

/// Puts this thread's [`ALONE`] back when dropped (also when the work panics).
struct Restore(bool);

impl Drop for Restore {
    fn drop(&mut self) {
        ALONE.with(|a| a.set(self.0));
    }
}

/// Whether this thread is running the work of a [`team`].
pub fn in_team() -> bool {
    IN_TEAM.with(Cell::get)
}

/// Whether an m×k·k×n product is split inside a team: worth waking helpers for.
pub fn splits(m: usize, k: usize, n: usize) -> bool {
    m.saturating_mul(k).saturating_mul(n) >= SPLIT_WORK
}

/// [`team`] when `worth` (some product of the work [`splits`]), else `work` on this thread
/// alone: the helpers spin while a team works, which for a small net would only burn a core.
pub fn team_if<T>(worth: bool, work: impl FnOnce() -> T) -> T {
    if worth { team(work) } else { work() }
}

/// Runs `work` on this thread with one helper thread per other core, which split the large
/// products inside it (the engine's gradient passes and a training step run in one). The helpers
/// spin while `work` runs, so a split costs a few µs instead of a thread's wake-up, and sleep
/// when it returns: a paused app uses no CPU. Nested calls, and calls inside [`one_core`],
/// simply run `work`.
pub fn team<T>(work: impl FnOnce() -> T) -> T {
    if in_team() || on_one_core() {
        return work();
    }
    if !BACKOFF.with(|b| {
        let mut backoff = b.get();
        let admitted = backoff.admit();
        b.set(backoff);
        admitted
    }) {
        return work();
    }
    TEAM.with(|team| {
        let Some(team) = team.get_or_init(Team::build) else {
            return work();
        };
        // Each helper is handed its loop directly (a broadcast wakes every thread of the pool;
        // a job spawned into this thread's queue waited there, unseen, in about 4 runs of 5).
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let presence = Arc::clone(&team.presence);
        // counted before the broadcast: a helper lingering after the last call sees it and
        // returns to the pool, which hands it this call's loop at once
        presence.calls.fetch_add(1, Ordering::AcqRel);
        team.pool.spawn_broadcast(move |ctx| {
            if ctx.index() != 0 {
                keep_warm(&flag, &presence);
            }
        });
        // This thread's share of the broadcast does nothing: run it now rather than leave it
        // queued until this thread next waits inside the pool.
        rayon::yield_now();
        let _team = Working::start(done, Arc::clone(&team.helpers), Arc::clone(&team.presence));
        work()
    })
}

/// A thread's team: a rayon pool of which it is thread 0, and the pool's other threads, to
/// wake from [`keep_warm`]'s park.
struct Team {
    pool: ThreadPool,
    helpers: Arc<Mutex<Vec<Thread>>>,
    presence: Arc<Presence>,
}

/// What a team's caller knows of its helpers without asking them.
#[derive(Default)]
struct Presence {
    /// Helpers ready now: inside [`keep_warm`], not parked. A split is offered only to them.
    awake: AtomicUsize,
    /// Team calls started: a helper lingering after a call leaves when it changes.
    calls: AtomicUsize,
    /// Whether helpers linger after the call that just ended (its splits all paid and the machine
    /// has room, [`room_to_linger`]); while set, a helper also waits for a share spinning for
    /// [`ROOMY_SPIN`] rather than [`SPIN`].
    linger: AtomicBool,
    /// Helpers parked in [`keep_warm`] after [`SPIN`] without work.
    parked: AtomicUsize,
}

/// Counts a helper in [`Presence::awake`] while alive (also when a share panics).
struct Awake<'a>(&'a AtomicUsize);

impl<'a> Awake<'a> {
    fn enter(awake: &'a AtomicUsize) -> Awake<'a> {
        awake.fetch_add(1, Ordering::AcqRel);
        Awake(awake)
    }
}

impl Drop for Awake<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Team {
    /// `None` on one core, or when the pool could not be built: then everything runs on this
    /// thread.
    fn build() -> Option<Team> {
        let threads = threads();
        if threads < 2 {
            return None;
        }
        let helpers = Arc::new(Mutex::new(Vec::with_capacity(threads - 1)));
        let register = Arc::clone(&helpers);
        let pool = ThreadPoolBuilder::new()
            .num_threads(threads)
            .use_current_thread()
            .thread_name(|i| format!("backstep-team-{i}"))
            .start_handler(move |i| {
                if i != 0
                    && let Ok(mut h) = register.lock()
                {
                    h.push(std::thread::current());
                }
            })
            .build()
            .ok()?;
        Some(Team {
            pool,
            helpers,
            presence: Arc::default(),
        })
    }
}

/// Inside a [`team`], waits (5 s at most) until a helper is ready for a share, and keeps the
/// helpers waiting for shares for [`ROOMY_SPIN`] in this call, as on a machine with room: for
/// tests that must see work split between the cores (a split is offered only to a ready
/// helper, and one still waking would leave it all to this thread). Outside a team it returns
/// at once.
pub fn await_helpers() {
    if !in_team() {
        return;
    }
    TEAM.with(|team| {
        if let Some(Some(team)) = team.get() {
            team.presence.linger.store(true, Ordering::Release);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(5);
    while helpers_awake().0 == 0 && Instant::now() < deadline {
        wake_helpers();
        std::thread::yield_now();
    }
}

/// How many of this thread's team helpers are ready for a share now, and how many are parked in
/// [`keep_warm`] for want of work (0 and 0 outside a team, and on a helper, which has no team
/// of its own).
fn helpers_awake() -> (usize, usize) {
    TEAM.with(|team| match team.get() {
        Some(Some(team)) => (
            team.presence.awake.load(Ordering::Acquire),
            team.presence.parked.load(Ordering::Acquire),
        ),
        _ => (0, 0),
    })
}

/// Wakes this thread's helpers if they are parked in [`keep_warm`]: a split is about to be
/// offered. Costs an atomic swap a helper when it is awake already; on a helper (which has no
/// team of its own) it does nothing.
fn wake_helpers() {
    TEAM.with(|team| {
        if let Some(Some(team)) = team.get() {
            unpark(&team.helpers);
        }
    });
}

fn unpark(helpers: &Mutex<Vec<Thread>>) {
    if let Ok(helpers) = helpers.lock() {
        for h in helpers.iter() {
            h.unpark();
        }
    }
}

/// While alive, this thread is in a team; dropped (also when the work panics), the helpers stop.
struct Working(Arc<AtomicBool>, Arc<Mutex<Vec<Thread>>>, Arc<Presence>);

impl Working {
    fn start(
        done: Arc<AtomicBool>,
        helpers: Arc<Mutex<Vec<Thread>>>,
        presence: Arc<Presence>,
    ) -> Working {
        IN_TEAM.with(|t| t.set(true));
        SPLITS.with(|s| s.set((0, 0)));
        CALL_START.with(|c| c.set(Some(Instant::now())));
        CHANCES.with(|c| c.set(0));
        Working(done, helpers, presence)
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        let (splits, unpaid) = SPLITS.with(|s| s.replace((0, 0)));
        // helpers stay ready for the next call only after a call whose splits all paid, and
        // only while nothing else wants a core (see `room_to_linger`): on a busy machine a
        // helper spinning between calls takes a core the caller may need
        let linger = unpaid == 0 && room_to_linger(self.2.awake.load(Ordering::Acquire));
        self.2.linger.store(linger, Ordering::Release);
        self.0.store(true, Ordering::Release);
        // a parked helper wakes, sees `done` and leaves its loop
        unpark(&self.1);
        IN_TEAM.with(|t| t.set(false));
        CALL_START.with(|c| c.set(None));
        BACKOFF.with(|b| {
            let mut backoff = b.get();
            backoff.settle(splits, unpaid);
            b.set(backoff);
        });
    }
}

/// Tells how many threads the machine can run now, this one included (on Linux the running count
/// of `/proc/loadavg`), or `None` where the system does not say. The engine does no I/O: the
/// binary installs it ([`set_crowd_probe`]); without one, helpers never linger.
pub type CrowdProbe = fn() -> Option<usize>;

static CROWD_PROBE: std::sync::OnceLock<CrowdProbe> = std::sync::OnceLock::new();

/// Installs the probe [`room_to_linger`] asks (the first call wins).
pub fn set_crowd_probe(probe: CrowdProbe) {
    let _ = CROWD_PROBE.set(probe);
}

/// What the team knows of the other programs on the machine: when it last asked the probe, and
/// how many threads of theirs were runnable, smoothed over the samples (in thousandths).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Crowd {
    last: Option<Instant>,
    others: u32,
}

/// The team's crowd, one for the process (every team shares the machine).
static CROWD: Mutex<Crowd> = Mutex::new(Crowd {
    last: None,
    others: 0,
});

/// How often the crowd is sampled at most (reading /proc/loadavg costs a few µs).
pub const CROWD_EVERY: Duration = Duration::from_millis(5);

impl Crowd {
    /// Whether a sample is due at `now` ([`CROWD_EVERY`] after the last).
    pub fn due(&self, now: Instant) -> bool {
        self.last
            .is_none_or(|t| now.saturating_duration_since(t) >= CROWD_EVERY)
    }

    /// Folds in a sample taken at `now`: `running` threads on the machine (the probe's answer,
    /// `None` when it could not tell), of which this thread and the `awake` helpers (spinning,
    /// so running) are the team's own. The others are smoothed, each sample weighing a quarter:
    /// a blip (a terminal redrawing, the probe's own reader) fades in a few samples, and a
    /// program that keeps a core busy crowds the machine from its second sample on.
    pub fn observe(&mut self, running: Option<usize>, awake: usize, now: Instant) {
        let others = match running {
            Some(r) => r.saturating_sub(1 + awake).min(64) as u32 * 1000,
            // a system that does not say: as crowded, so helpers never linger
            None => 64_000,
        };
        self.others = if self.last.is_none() {
            others
        } else {
            (self.others * 3 + others) / 4
        };
        self.last = Some(now);
    }

    /// Whether helpers may linger: other programs' runnable threads average under 0.4.
    pub fn roomy(&self) -> bool {
        self.last.is_some() && self.others < 400
    }
}

/// Whether a team's helpers may linger after a call and wait spinning ([`ROOMY_SPIN`]): nothing
/// outside this team wants a core ([`Crowd`], sampled from the probe at most every
/// [`CROWD_EVERY`]; `awake` helpers are the team's own). Beside a busy program a lingering
/// helper would share the caller's core or the busy one's and slow the team below one core's
/// speed (docs/performance.md). Without a probe helpers never linger.
fn room_to_linger(awake: usize) -> bool {
    ask_crowd(CROWD_PROBE.get().copied(), &CROWD, awake, Instant::now())
}

/// [`room_to_linger`] with its probe and crowd given: a sample when one is due, then the crowd's
/// answer (no probe, or a crowd another team is updating now: no).
fn ask_crowd(probe: Option<CrowdProbe>, crowd: &Mutex<Crowd>, awake: usize, now: Instant) -> bool {
    let Some(probe) = probe else {
        return false;
    };
    let Ok(mut crowd) = crowd.try_lock() else {
        return false;
    };
    if crowd.due(now) {
        crowd.observe(probe(), awake, now);
    }
    crowd.roomy()
}

/// How long a helper spins for the next share after its last one before it parks: the gaps
/// between a training step's split products are shorter, the gap between two steps often not.
pub const SPIN: Duration = Duration::from_micros(100);

/// How long a helper spins without a share before it parks when the machine has room for it
/// ([`room_to_linger`]): longer than the caller's longest stretch alone between two products of
/// a pass, so that a helper is ready for each.
pub const ROOMY_SPIN: Duration = Duration::from_millis(2);

/// Helpers parked so far, by every team (a test reads it).
static PARKS: AtomicUsize = AtomicUsize::new(0);

/// How long a helper stays ready after its team call ends, for the next call of the same team:
/// a training loop's next step, or the next gradient of a check, starts within it, and finds the
/// helper ready instead of asleep in the pool (a sleeping pool thread takes 25–80 µs to wake,
/// as long as the first product's share).
pub const LINGER: Duration = Duration::from_micros(100);

/// A helper's loop while its team works: run whatever share of a product is waiting; with none,
/// spin for [`SPIN`] ([`ROOMY_SPIN`] on a machine with room), then park until the caller offers the next split ([`wake_helpers`]) or
/// the team call ends. A parked helper burns no core, and on a busy core the scheduler owes
/// it the time it slept, so it is not the one descheduled halfway through a share. A share it
/// has not taken when the caller is done with its own, the caller takes back (rayon's `join`).
/// While it spins the helper counts as ready in `presence`: the caller offers a split only to a
/// ready helper. When a call whose splits all paid ends it lingers for [`LINGER`], and leaves as
/// soon as the next call of its team starts (the pool then hands it that call's loop).
fn keep_warm(done: &AtomicBool, presence: &Presence) {
    let call = presence.calls.load(Ordering::Acquire);
    let mut ready = Some(Awake::enter(&presence.awake));
    let mut idle_since = Instant::now();
    let mut spins = 0u32;
    while !done.load(Ordering::Acquire) {
        if rayon::yield_now() == Some(Yield::Executed) {
            idle_since = Instant::now();
            continue;
        }
        spins = spins.wrapping_add(1);
        // on a machine with room (the last call let helpers linger) a helper waits for the next
        // share spinning, however long the caller works alone in between
        let spin = if presence.linger.load(Ordering::Acquire) {
            ROOMY_SPIN
        } else {
            SPIN
        };
        if spins % 64 != 0 || idle_since.elapsed() < spin {
            std::hint::spin_loop();
            continue;
        }
        PARKS.fetch_add(1, Ordering::Relaxed);
        drop(ready.take());
        let parked = Awake::enter(&presence.parked);
        std::thread::park_timeout(Duration::from_millis(100));
        ready = Some(Awake::enter(&presence.awake));
        drop(parked);
        idle_since = Instant::now();
    }
    let ended = Instant::now();
    while presence.linger.load(Ordering::Acquire)
        && presence.calls.load(Ordering::Acquire) == call
        && ended.elapsed() < LINGER
    {
        std::hint::spin_loop();
    }
    drop(ready);
}

/// How many blocks of rows an m×k·k×n product is cut into on `threads` threads, when products
/// of at least `min_work` multiply-adds are split: at most one per thread, each of at least
/// `min_work / 2` multiply-adds and [`MIN_ROWS`] rows (on a machine with many cores a product
/// just over the threshold is cut in two, not into a block per core too small to pay).
fn parts(m: usize, k: usize, n: usize, min_work: usize, threads: usize) -> usize {
    let work = m.saturating_mul(k).saturating_mul(n);
    if work < min_work {
        return 1;
    }
    threads
        .min(m / MIN_ROWS)
        .min(work / (min_work / 2).max(1))
        .max(1)
}

/// Where `rows` rows are cut so that the first `first` of `parts` blocks get their share.
fn split_row(rows: usize, first: usize, parts: usize) -> usize {
    rows * first / parts
}

/// `c = a · b`, with `c`'s rows (and `a`'s) cut into `parts` blocks computed in parallel (the
/// same cut as [`fill_rows`]).
fn split(c: ArrayViewMut2<'_, f64>, a: MatRef<'_, f64>, b: MatRef<'_, f64>, parts: usize) {
    fill_parts(c, 0, parts, &|first, mut block| {
        let (rows, cols) = block.dim();
        // a block of rows of a row-major matrix is contiguous
        if let Some(out) = block.as_slice_mut() {
            let out = MatMut::from_row_major_slice_mut(out, rows, cols);
            let a = a.subrows(first, rows);
            faer::linalg::matmul::matmul(out, Accum::Replace, a, b, 1.0, Par::Seq);
        }
    });
}

/// `fill(first, block)` over blocks of `out`'s rows that together cover it once, `first` being
/// the index of the block's first row: inside a [`team`] and for at least [`SPLIT_CELLS`] cells,
/// one block per core in parallel (a copy of scattered rows waits on memory, and two cores
/// fetch twice as much); else the whole of `out` in one call.
pub fn fill_rows<F>(out: ArrayViewMut2<'_, f64>, fill: &F)
where
    F: Fn(usize, ArrayViewMut2<'_, f64>) + Sync,
{
    fill_rows_from(out, SPLIT_CELLS, fill);
}

/// [`fill_rows`] with its own threshold: split inside a [`team`] for at least `min_cells` cells.
/// An optimizer's update of a parameter uses [`SPLIT_UPDATE`]: the row cut is the one of the
/// product that wrote the gradient (`dW = Xᵀ·dY`), so each core updates the rows of dW it wrote,
/// still in its own cache.
pub fn fill_rows_from<F>(out: ArrayViewMut2<'_, f64>, min_cells: usize, fill: &F)
where
    F: Fn(usize, ArrayViewMut2<'_, f64>) + Sync,
{
    let parts = if in_team() && !alone() && out.len() >= min_cells {
        // one block per core, each of at least half the threshold
        rayon::current_num_threads()
            .min(out.nrows())
            .min(out.len() / (min_cells / 2).max(1))
            .max(1)
    } else {
        1
    };
    fill_parts(out, 0, parts, fill);
}

/// `fill` over `parts` blocks of `out`'s rows, at most one per ready helper and this thread (with
/// none ready, the whole of `out` here, waking them for the next); the outermost split is timed
/// (see [`Backoff`]).
fn fill_parts<F>(out: ArrayViewMut2<'_, f64>, first: usize, parts: usize, fill: &F)
where
    F: Fn(usize, ArrayViewMut2<'_, f64>) + Sync,
{
    // a share is offered only to a helper ready for it: one still waking (25–80 µs) or parked
    // would leave this thread to take it back after its own, as slow as no split
    if parts <= 1 {
        fill(first, out);
        return;
    }
    let (mut ready, mut idle) = helpers_awake();
    // a helper about to park may have just been counted: it wakes for its share
    wake_helpers();
    let started = CALL_START.with(Cell::get).filter(|_| in_team());
    // a big share early in a call is worth the wait for a helper still on its way (sent for
    // when the call started, asleep in the pool if the last call ended long ago): a convolution
    // pass alone would take milliseconds. Only inside a team call, and never past the grace.
    if let Some(deadline) = started.map(|t| t + WAKE_GRACE) {
        while ready == 0 && idle == 0 && out.len() >= WAIT_CELLS && Instant::now() < deadline {
            std::hint::spin_loop();
            (ready, idle) = helpers_awake();
        }
    }
    let chance = CHANCES.with(|c| c.replace(c.get() + 1));
    if ready == 0 {
        if chance > 0 && idle == 0 {
            // after the call's first split (and a big share's wait) the helpers had time to
            // come: none ready and none parked for want of work means another process holds
            // their cores
            SPLITS.with(|s| {
                let (splits, unpaid) = s.get();
                s.set((splits + 1, unpaid + 1));
            });
        }
        fill(first, out);
        return;
    }
    let parts = parts.min(ready + 1);
    let start = Instant::now();
    let own = split_in_two(out, first, parts, fill);
    let waited = start.elapsed().saturating_sub(own);
    // a call's first split finds its helper still lingering from the last call: before taking
    // a share it goes back to the pool for this call's loop, which a small share does not
    // outlast; that says nothing of the machine
    let judged = chance > 0;
    SPLITS.with(|s| {
        let (splits, unpaid) = s.get();
        let late = judged && !Backoff::paid(own, waited);
        s.set((splits + 1, unpaid + u32::from(late)));
    });
}

/// The two halves of a split, this thread's first; returns how long this thread's half took.
fn split_in_two<F>(out: ArrayViewMut2<'_, f64>, first: usize, parts: usize, fill: &F) -> Duration
where
    F: Fn(usize, ArrayViewMut2<'_, f64>) + Sync,
{
    if parts <= 1 {
        fill(first, out);
        return Duration::ZERO;
    }
    let half = parts / 2;
    let rows = split_row(out.nrows(), half, parts);
    let (top, bottom) = out.split_at(Axis(0), rows);
    rayon::join(
        || {
            let start = Instant::now();
            split_in_two(top, first, half, fill);
            start.elapsed()
        },
        || split_in_two(bottom, first + rows, parts - half, fill),
    )
    .0
}

/// `aᵀ · b` (the `dW = Xᵀ·dY` form), reading `a` in place.
pub fn matmul_tn(a: &Matrix, b: &Matrix) -> Matrix {
    matmul(a.t(), b.view())
}

/// `a · bᵀ` (the `dX = dY·Wᵀ` form), reading `b` in place.
pub fn matmul_nt(a: &Matrix, b: &Matrix) -> Matrix {
    matmul(a.view(), b.t())
}

/// `a` as a faer view without copying, when its memory is row- or column-major contiguous.
fn faer_view<'a>(a: &ArrayView2<'a, f64>) -> Option<MatRef<'a, f64>> {
    let (r, c) = a.dim();
    if let Some(s) = a.to_slice() {
        return Some(MatRef::from_row_major_slice(s, r, c));
    }
    (*a).reversed_axes()
        .to_slice()
        .map(|s| MatRef::from_column_major_slice(s, r, c))
}

#[cfg(test)]
mod tests {
    use ndarray::{Axis, Slice};

    use super::*;

    fn random(r: usize, c: usize, seed: &mut u64) -> Matrix {
        Matrix::from_shape_simple_fn((r, c), || {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
    }

    fn assert_close(got: &Matrix, want: &Matrix) {
        assert_eq!(got.dim(), want.dim());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() <= 1e-12 * (1.0 + w.abs()), "{g} vs {w}");
        }
    }

    /// A crowd fed `samples` of (running threads, awake helpers), [`CROWD_EVERY`] apart.
    fn crowd_after(samples: &[(Option<usize>, usize)]) -> Crowd {
        let mut crowd = Crowd::default();
        let mut now = Instant::now();
        for &(running, awake) in samples {
            assert!(crowd.due(now));
            crowd.observe(running, awake, now);
            assert!(
                !crowd.due(now + CROWD_EVERY / 2),
                "sampled at most every 5 ms"
            );
            now += CROWD_EVERY;
        }
        crowd
    }

    #[test]
    fn the_team_s_own_threads_leave_the_machine_roomy() {
        assert!(!Crowd::default().roomy(), "nothing known yet: no lingering");
        // the caller alone, then the caller and a spinning helper
        assert!(crowd_after(&[(Some(1), 0)]).roomy());
        assert!(crowd_after(&[(Some(2), 1), (Some(1), 0), (Some(2), 1)]).roomy());
        // a system that does not say is taken as crowded
        assert!(!crowd_after(&[(Some(1), 0), (None, 0)]).roomy());
    }

    #[test]
    fn helpers_linger_only_with_a_probe_that_leaves_them_room() {
        let crowd = Mutex::new(Crowd::default());
        let now = Instant::now();
        assert!(!ask_crowd(None, &crowd, 0, now), "no probe: never");
        assert!(ask_crowd(Some(|| Some(2)), &crowd, 1, now));
        // a busy program appears: the crowd is asked again only after CROWD_EVERY
        let busy: CrowdProbe = || Some(3);
        assert!(ask_crowd(Some(busy), &crowd, 1, now + CROWD_EVERY / 2));
        assert!(ask_crowd(Some(busy), &crowd, 1, now + CROWD_EVERY));
        assert!(!ask_crowd(Some(busy), &crowd, 1, now + 2 * CROWD_EVERY));
        // a crowd another team holds is not waited for
        let held = crowd.lock();
        assert!(!ask_crowd(
            Some(|| Some(1)),
            &crowd,
            0,
            now + 9 * CROWD_EVERY
        ));
        drop(held);
    }

    #[test]
    fn a_blip_fades_and_a_busy_program_crowds_the_machine_until_it_stops() {
        let quiet = (Some(2), 1);
        let busy = (Some(3), 1);
        // one other thread for one sample (a redraw): still roomy
        assert!(crowd_after(&[quiet, quiet, busy, quiet]).roomy());
        let mut samples = vec![quiet, quiet];
        // a program busy on a core: crowded from its second sample on
        samples.push(busy);
        let after_one = crowd_after(&samples);
        samples.push(busy);
        assert!(after_one.roomy() && !crowd_after(&samples).roomy());
        samples.extend([busy; 20]);
        assert!(!crowd_after(&samples).roomy());
        // it stops: roomy again within a few samples, not at the first
        samples.push(quiet);
        assert!(
            !crowd_after(&samples).roomy(),
            "one quiet sample is not enough"
        );
        samples.extend([quiet; 4]);
        assert!(crowd_after(&samples).roomy());
    }

    #[test]
    fn agrees_with_ndarray_dot_on_every_layout_and_edge_shape() {
        let mut seed = 7;
        let shapes = [
            (1, 1, 1),
            (1, 5, 1),
            (1, 7, 9),
            (9, 7, 1),
            (3, 1, 4),
            (2, 3, 2),
            (17, 33, 5),
            (100, 784, 50),
            (0, 3, 4),
            (3, 0, 4),
            (3, 4, 0),
        ];
        for (m, k, n) in shapes {
            let a = random(m, k, &mut seed);
            let b = random(k, n, &mut seed);
            let want = a.dot(&b);
            assert_close(&matmul(a.view(), b.view()), &want);
            let at = a.t().to_owned();
            assert_close(&matmul_tn(&at.as_standard_layout().into_owned(), &b), &want);
            let bt = b.t().as_standard_layout().into_owned();
            assert_close(&matmul_nt(&a, &bt), &want);
        }
    }

    #[test]
    fn spread_keeps_the_order_and_runs_each_call_unsplit_inside_a_team() {
        let squares = |i: usize| (i * i, alone());
        // outside a team: in order on this thread, and splits allowed
        let plain = spread(5, squares);
        assert_eq!(plain, (0..5).map(|i| (i * i, false)).collect::<Vec<_>>());
        let (inside, two, after) = team(|| (spread(5, squares), spread(2, squares), alone()));
        assert_eq!(
            inside.iter().map(|r| r.0).collect::<Vec<_>>(),
            [0, 1, 4, 9, 16]
        );
        assert!(!after, "alone again false when spread returns");
        assert_eq!(two.iter().map(|r| r.0).collect::<Vec<_>>(), [0, 1]);
        if in_team_possible() {
            assert!(inside.iter().all(|r| r.1), "every call unsplit: {inside:?}");
            assert!(two.iter().all(|r| r.1), "two calls are spread too: {two:?}");
        }
        // one call has nothing to spread: it runs as it would alone
        assert_eq!(team(|| spread(1, squares)), [(0, false)]);
        assert!(!alone());
    }

    /// Whether this machine has a second core, so that a team has helpers.
    fn in_team_possible() -> bool {
        team(in_team)
    }

    #[test]
    fn reads_strided_and_sliced_views() {
        let mut seed = 11;
        let big = random(40, 30, &mut seed);
        let b = random(15, 6, &mut seed);
        // Every other column: neither row- nor column-major contiguous, so it is copied.
        let rows3 = big.slice_axis(Axis(0), Slice::from(3..20));
        let a = rows3.slice_axis(Axis(1), Slice::new(0, None, 2));
        assert_close(&matmul(a, b.view()), &a.dot(&b));
        // A block of rows is read in place.
        let rows = big.slice_axis(Axis(0), Slice::from(5..12));
        let w = random(30, 4, &mut seed);
        assert_close(&matmul(rows, w.view()), &rows.dot(&w));
        // Transposed block of rows (column-major).
        let v = random(7, 3, &mut seed);
        assert_close(&matmul(rows.t(), v.view()), &rows.t().dot(&v));
    }

    #[test]
    fn large_products_use_the_parallel_path_and_agree() {
        let mut seed = 3;
        let a = random(400, 200, &mut seed);
        let b = random(200, 60, &mut seed);
        const { assert!(400 * 200 * 60 >= SPLIT_WORK) };
        assert_eq!(parts(400, 200, 60, SPLIT_WORK, 3), 3);
        let (plain, split_in_team) = team(|| {
            assert!(in_team());
            (a.dot(&b), matmul(a.view(), b.view()))
        });
        assert!(!in_team());
        assert_close(&split_in_team, &plain);
        assert_close(&matmul_tn(&a.t().to_owned(), &b), &plain);
        // nested teams run inline and still agree
        let nested = team(|| team(|| matmul(a.view(), b.view())));
        assert_close(&nested, &plain);
    }

    #[test]
    fn the_split_counts_blocks_by_work_and_rows() {
        // the book's batch is split on two cores; its second layer and a one-core pool are not
        assert_eq!(parts(100, 784, 50, SPLIT_WORK, 2), 2);
        assert_eq!(parts(100, 50, 10, SPLIT_WORK, 2), 1);
        assert_eq!(parts(100, 784, 50, SPLIT_WORK, 1), 1);
        // outside a team the book's batch stays on one thread, a 60,000-row prediction does not
        assert_eq!(parts(100, 784, 50, LONE_SPLIT_WORK, 2), 1);
        assert_eq!(parts(60_000, 784, 50, LONE_SPLIT_WORK, 2), 2);
        // never a block thinner than MIN_ROWS rows
        assert_eq!(parts(12, 100_000, 50, SPLIT_WORK, 8), 1);
        assert_eq!(parts(16, 100_000, 50, SPLIT_WORK, 8), 2);
        // exactly SPLIT_WORK multiply-adds is split, one fewer is not
        assert_eq!(parts(128, 64, 64, SPLIT_WORK, 2), 2);
        // more cores take more blocks, but none under half of SPLIT_WORK
        assert_eq!(parts(128, 64, 64, SPLIT_WORK, 8), 2);
        assert_eq!(parts(128, 64, 96, SPLIT_WORK, 8), 3);
        assert_eq!(parts(100, 784, 50, SPLIT_WORK, 4), 4);
        assert_eq!(parts(100, 784, 50, SPLIT_WORK, 64), 12);
        assert_eq!(parts(128 * 64 * 64 - 1, 1, 1, SPLIT_WORK, 2), 1);
        // the cut gives each block its share of the rows
        assert_eq!(split_row(100, 1, 2), 50);
        assert_eq!(split_row(101, 1, 3), 33);
        assert_eq!(split_row(101, 2, 3), 67);
        assert_eq!(split_row(7, 0, 2), 0);
        // odd splits still cover every row
        let mut seed = 5;
        let a = random(101, 90, &mut seed);
        let b = random(90, 70, &mut seed);
        let mut c = Matrix::zeros((101, 70));
        let (ar, br) = (faer_view(&a.view()), faer_view(&b.view()));
        if let (Some(ar), Some(br)) = (ar, br) {
            split(c.view_mut(), ar, br, 3);
        }
        assert_close(&c, &a.dot(&b));
    }

    #[test]
    #[allow(clippy::panic)]
    fn a_team_helper_takes_a_share_and_a_panic_leaves_the_team() {
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            return; // one core: a team is this thread alone
        }
        let busy = || {
            let start = std::time::Instant::now();
            while start.elapsed() < std::time::Duration::from_micros(100) {
                std::hint::spin_loop();
            }
            std::thread::current().name().map(str::to_string)
        };
        // On a loaded machine the helper may wait for a core: give it seconds, not a count.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let helped = team(|| {
            std::iter::repeat_with(|| rayon::join(busy, busy).1)
                .take_while(|_| std::time::Instant::now() < deadline)
                .any(|other| other.as_deref() == Some("backstep-team-1"))
        });
        assert!(helped, "no half of 20 s of joins ran on the team's helper");
        let caught = std::panic::catch_unwind(|| team(|| panic!("inside the team")));
        assert!(caught.is_err());
        assert!(!in_team(), "the guard left the team");
        assert_eq!(team(|| 41 + 1), 42);
    }

    #[test]
    fn fill_rows_covers_every_row_once_with_its_index_in_and_out_of_a_team() {
        // 300 × 300 = 90,000 cells, over SPLIT_CELLS: split inside a team (when there are two
        // cores), one block outside; a small one is one block everywhere.
        for (rows, cols) in [(300, 300), (7, 3), (1, 1), (0, 4)] {
            let fill = || {
                let mut out = Matrix::from_elem((rows, cols), -1.0);
                let blocks = std::sync::Mutex::new(Vec::new());
                await_helpers();
                fill_rows(out.view_mut(), &|first, mut block| {
                    blocks
                        .lock()
                        .map(|mut b| b.push((first, block.nrows())))
                        .ok();
                    for (r, mut row) in block.rows_mut().into_iter().enumerate() {
                        row.fill((first + r) as f64);
                    }
                });
                let mut blocks = blocks.into_inner().unwrap_or_default();
                blocks.sort_unstable();
                (out, blocks)
            };
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            for (out, blocks, split) in [
                {
                    let (o, b) = fill();
                    (o, b, false)
                },
                {
                    let (o, b) = team(fill);
                    (o, b, cores > 1 && rows * cols >= SPLIT_CELLS)
                },
            ] {
                for (r, row) in out.rows().into_iter().enumerate() {
                    assert!(
                        row.iter().all(|&v| v == r as f64),
                        "row {r} of {rows}×{cols}"
                    );
                }
                let mut next = 0;
                for &(first, n) in &blocks {
                    assert_eq!(first, next, "blocks of {rows}×{cols}: {blocks:?}");
                    next += n;
                }
                assert_eq!(next, rows);
                assert_eq!(blocks.len() > 1, split, "{rows}×{cols}: {blocks:?}");
            }
        }
    }

    #[test]
    fn the_backoff_doubles_after_splits_that_do_not_pay_and_halves_after_one_that_does() {
        let mut b = Backoff::default();
        assert!(b.admit(), "a fresh thread's first team wakes its helpers");
        b.settle(3, 1);
        assert_eq!(
            b,
            Backoff {
                skip: 1,
                penalty: 2
            }
        );
        assert!(!b.admit(), "the next team call runs alone");
        assert!(b.admit(), "then one is tried again");
        b.settle(1, 1);
        assert_eq!(
            b,
            Backoff {
                skip: 2,
                penalty: 4
            }
        );
        for _ in 0..2 {
            assert!(!b.admit());
        }
        assert!(b.admit());
        for _ in 0..20 {
            b.settle(1, 1);
        }
        assert_eq!(
            b.penalty, MAX_BACKOFF,
            "never more than MAX_BACKOFF calls alone"
        );
        b.skip = 0;
        b.settle(2, 0);
        assert_eq!(
            b,
            Backoff {
                skip: 0,
                penalty: MAX_BACKOFF / 2
            }
        );
        b.settle(0, 0);
        assert_eq!(
            b.penalty,
            MAX_BACKOFF / 2,
            "a team call without splits says nothing"
        );
        // a split pays when this thread waited at most nine tenths of its own time (plus 20 µs)
        let ms = Duration::from_millis;
        assert!(Backoff::paid(ms(2), ms(1)));
        // im2col's split: the helper's half of a copy 1.6× this thread's still saves a fifth
        assert!(Backoff::paid(ms(10), ms(6)));
        assert!(Backoff::paid(ms(10), ms(9)));
        assert!(!Backoff::paid(ms(10), Duration::from_micros(9_100)));
        assert!(!Backoff::paid(ms(2), ms(2)));
        assert!(Backoff::paid(Duration::ZERO, Duration::from_micros(20)));
    }

    #[test]
    fn a_calls_first_split_is_not_judged_however_late_its_other_half() {
        if threads() < 2 {
            return; // one core: no team to back off from
        }
        // the helper sleeps 20 ms in its share of the call's first split: the call goes on
        // sharing its work, and the next calls try the helpers
        let late_first = || {
            let mut out = Matrix::zeros((400, 200));
            await_helpers();
            fill_rows(out.view_mut(), &|first, mut block| {
                if first > 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
                block.fill(1.0);
            });
            (alone(), out.sum())
        };
        assert_eq!(team(late_first), (false, 80_000.0));
        assert_eq!(backoff(), Backoff::default());
        assert!(team(in_team), "the next team call tries the helpers");
    }

    #[test]
    fn a_split_whose_other_half_comes_back_late_sends_the_next_team_calls_alone() {
        if threads() < 2 {
            return; // one core: no team to back off from
        }
        // A helper takes the second block and sleeps in it: this thread waits far longer than
        // its own (nearly instant) half took, as when a helper is descheduled on a busy machine.
        // This thread's half waits until the second has started, so that a helper, not this
        // thread taking it back, runs it. A call's first split is not judged (its helper may be
        // on its way back from lingering): a quick one comes first.
        let first_split = || {
            let mut out = Matrix::zeros((400, 200));
            await_helpers();
            fill_rows(out.view_mut(), &|_, mut block| block.fill(1.0));
        };
        let slow_second_half = || {
            first_split();
            let mut out = Matrix::zeros((400, 200));
            let started = AtomicBool::new(false);
            await_helpers();
            let offered = Instant::now();
            fill_rows(out.view_mut(), &|first, mut block| {
                if first > 0 {
                    started.store(true, Ordering::Release);
                    // however long the helper took to start (this thread's own half spins
                    // until then), it holds its share more than twice as long again
                    let late = offered.elapsed();
                    std::thread::sleep(Duration::from_millis(20) + 3 * late);
                } else {
                    let since = Instant::now();
                    while !started.load(Ordering::Acquire)
                        && since.elapsed() < Duration::from_secs(5)
                    {
                        std::hint::spin_loop();
                    }
                }
                block.fill(1.0);
            });
            (in_team(), alone(), out.sum())
        };
        assert_eq!(team(slow_second_half), (true, true, 80_000.0));
        assert_eq!(
            backoff(),
            Backoff {
                skip: 1,
                penalty: 2
            }
        );
        assert!(!team(in_team), "the next team call runs alone");
        assert!(team(in_team), "the one after tries the helpers again");
        // a split that pays brings the penalty down again: here this thread's own half is the
        // slow one, so whoever runs the other, it is back before this thread is done
        let slow_first_half = || {
            first_split();
            let mut out = Matrix::zeros((400, 200));
            await_helpers();
            fill_rows(out.view_mut(), &|first, mut block| {
                if first == 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
                block.fill(1.0);
            });
        };
        team(slow_second_half);
        assert_eq!(backoff().penalty, 4);
        while !team(in_team) {}
        team(slow_first_half);
        assert_eq!(
            backoff(),
            Backoff {
                skip: 0,
                penalty: 2
            }
        );
    }

    #[test]
    fn a_big_share_at_a_calls_start_waits_for_a_helper_still_waking() {
        if threads() < 2 {
            return; // one core: no helper to wait for
        }
        // Between calls the helper sleeps in the pool (without a probe it never lingers), so
        // at a call's start it is still waking: the call's first split of WAIT_CELLS cells waits
        // for it rather than running alone. On a loaded machine (the other tests) a wake can
        // take longer than WAKE_GRACE: one call in 10 s of them is enough.
        let first_share_on_the_helper = || {
            let mut out = Matrix::zeros(((WAIT_CELLS / 100).max(2), 100));
            let on_helper = AtomicBool::new(false);
            fill_rows(out.view_mut(), &|_, mut block| {
                if std::thread::current().name() == Some("backstep-team-1") {
                    on_helper.store(true, Ordering::Release);
                }
                block.fill(1.0);
            });
            on_helper.load(Ordering::Acquire)
        };
        let mut helped = false;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
            helped |= team(first_share_on_the_helper);
            if helped {
                break;
            }
        }
        assert!(helped, "no call's first big share ran on the waking helper");
        // a small one does not wait: a mini-batch's copy is quicker alone than the wait
        const { assert!(WAIT_CELLS > 100 * 784) };
    }

    #[test]
    fn a_share_the_helper_has_not_taken_is_taken_back_by_the_caller() {
        if threads() < 2 {
            return; // one core: no helper
        }
        let me = std::thread::current().id();
        let stolen = AtomicBool::new(false);
        // The helper takes the first join's second half and sleeps in it; meanwhile this thread
        // splits a fill, whose other block nobody else is free to take: this thread takes it
        // back and is done long before the helper wakes.
        let (ran_on, elapsed) = team(|| {
            rayon::join(
                || {
                    let deadline = Instant::now() + Duration::from_secs(10);
                    while !stolen.load(Ordering::Acquire) && Instant::now() < deadline {
                        std::hint::spin_loop();
                    }
                    let start = Instant::now();
                    let ran_on = Mutex::new(Vec::new());
                    let mut out = Matrix::zeros((400, 200));
                    fill_rows(out.view_mut(), &|first, mut block| {
                        if let Ok(mut r) = ran_on.lock() {
                            r.push((first, std::thread::current().id()));
                        }
                        block.fill(1.0);
                    });
                    assert_eq!(out.sum(), 80_000.0);
                    (ran_on.into_inner().unwrap_or_default(), start.elapsed())
                },
                || {
                    stolen.store(true, Ordering::Release);
                    std::thread::sleep(Duration::from_millis(300));
                },
            )
            .0
        });
        if ran_on.len() < 2 {
            return; // the helper never took the sleeping half (a loaded machine): no split
        }
        assert!(ran_on.iter().all(|&(_, t)| t == me), "{ran_on:?}");
        assert!(elapsed < Duration::from_millis(250), "waited {elapsed:?}");
    }

    #[test]
    fn every_part_is_computed_once_and_a_team_computes_what_one_core_does_bit_for_bit() {
        let mut seed = 9;
        let shapes = [
            (100, 784, 50),
            (784, 100, 50),
            (100, 50, 784),
            (257, 300, 31),
        ];
        let pairs: Vec<(Matrix, Matrix)> = shapes
            .iter()
            .map(|&(m, k, n)| (random(m, k, &mut seed), random(k, n, &mut seed)))
            .collect();
        let alone: Vec<Matrix> = one_core(|| {
            pairs
                .iter()
                .map(|(a, b)| matmul(a.view(), b.view()))
                .collect()
        });
        for round in 0..40 {
            let counts: Vec<AtomicUsize> = (0..500).map(|_| AtomicUsize::new(0)).collect();
            let products = team(|| {
                // now and then the helpers have parked before the next split
                if round % 4 == 0 {
                    std::thread::sleep(SPIN * 3);
                }
                let mut out = Matrix::zeros((500, 200));
                fill_rows(out.view_mut(), &|first, block| {
                    for count in &counts[first..first + block.nrows()] {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                });
                pairs
                    .iter()
                    .map(|(a, b)| matmul(a.view(), b.view()))
                    .collect::<Vec<_>>()
            });
            assert!(
                counts.iter().all(|c| c.load(Ordering::Relaxed) == 1),
                "round {round}: a row filled twice or never"
            );
            for (got, want) in products.iter().zip(&alone) {
                assert!(got == want, "round {round}: {:?} differs", got.dim());
            }
        }
    }

    #[test]
    fn an_idle_helper_parks_instead_of_spinning() {
        if threads() < 2 {
            return;
        }
        let before = PARKS.load(Ordering::Relaxed);
        // the helper spins SPIN after the team starts, then parks; it may wait for a core first
        let deadline = Instant::now() + Duration::from_secs(10);
        team(|| {
            while PARKS.load(Ordering::Relaxed) == before && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        assert!(
            PARKS.load(Ordering::Relaxed) > before,
            "no helper parked in 10 s"
        );
    }

    #[test]
    fn zero_inner_dimension_gives_zeros() {
        let a = Matrix::zeros((3, 0));
        let b = Matrix::zeros((0, 4));
        assert_eq!(matmul(a.view(), b.view()), Matrix::zeros((3, 4)));
    }
}
