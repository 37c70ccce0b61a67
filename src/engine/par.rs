//! Independent jobs spread over the cores: several training runs of `backstep compare`, the
//! trials of `backstep search`.
//!
//! [`map`] runs each job once, at most [`threads`] at a time, and returns their results in the
//! order of the jobs. While more than one job runs, each runs its matrix products on its own core
//! ([`linalg::one_core`]): a team inside a job would only fight the other jobs for the same cores.
//! A job is a whole computation (a run of many steps): the threads are started per call, which
//! costs tens of µs, nothing beside a run.
//!
//! ```
//! use backstep::engine::par;
//! let squares = par::map((1..=4).map(|i| move || i * i).collect());
//! assert_eq!(squares, [1, 4, 9, 16]);
//! ```

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::linalg::{self, threads};

/// Runs every job once, at most [`threads`] at a time (the calling thread is one of them), and
/// returns the results in the order of `jobs`. With more than one job at a time each runs its
/// products on one core; one job, one thread (`--threads 1`) or a call from inside another
/// job runs the jobs one after another on this thread, products as usual.
///
/// A job that panics panics this call, after the jobs already running have finished.
pub fn map<T, F>(jobs: Vec<F>) -> Vec<T>
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    map_on(threads(), jobs)
}

/// [`map`] on at most `threads` threads.
fn map_on<T, F>(threads: usize, jobs: Vec<F>) -> Vec<T>
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    let n = jobs.len();
    let workers = threads.min(n);
    if workers <= 1 || linalg::on_one_core() {
        return jobs.into_iter().map(|job| job()).collect();
    }
    let waiting: Vec<Mutex<Option<F>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    // Each worker claims the next job not yet claimed: a job runs exactly once, and a slow
    // worker simply claims fewer.
    let work = || {
        linalg::one_core(|| {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = waiting.get(i) else { break };
                let job = slot.lock().ok().and_then(|mut j| j.take());
                if let Some(job) = job {
                    let result = job();
                    if let Ok(mut r) = results[i].lock() {
                        *r = Some(result);
                    }
                }
            }
        });
    };
    std::thread::scope(|scope| {
        for i in 1..workers {
            // A thread that cannot be started leaves its jobs to the others.
            std::thread::Builder::new()
                .name(format!("backstep-par-{i}"))
                .spawn_scoped(scope, work)
                .ok();
        }
        work();
    });
    results
        .into_iter()
        .filter_map(|r| r.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_jobs_each_run_once() {
        let runs = AtomicUsize::new(0);
        for threads in [1, 2, 3, 8] {
            runs.store(0, Ordering::Relaxed);
            let jobs: Vec<_> = (0..20)
                .map(|i| {
                    let runs = &runs;
                    move || {
                        runs.fetch_add(1, Ordering::Relaxed);
                        // later jobs finish first
                        std::thread::sleep(Duration::from_micros(200 * (20 - i)));
                        i * 10
                    }
                })
                .collect();
            let got = map_on(threads, jobs);
            assert_eq!(
                got,
                (0..20).map(|i| i * 10).collect::<Vec<_>>(),
                "{threads}"
            );
            assert_eq!(runs.load(Ordering::Relaxed), 20, "{threads} threads");
        }
        let none: Vec<fn() -> u8> = Vec::new();
        assert!(map(none).is_empty());
    }

    #[test]
    fn at_most_threads_jobs_run_at_once_and_each_on_one_core() {
        for threads in [2, 3] {
            let running = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let jobs: Vec<_> = (0..9)
                .map(|_| {
                    let (running, most) = (&running, &most);
                    move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5));
                        running.fetch_sub(1, Ordering::SeqCst);
                        // a team inside a job runs on this thread alone
                        (linalg::on_one_core(), linalg::team(linalg::in_team))
                    }
                })
                .collect();
            let got = map_on(threads, jobs);
            assert!(got.iter().all(|&r| r == (true, false)), "{got:?}");
            let most = most.load(Ordering::SeqCst);
            assert!(most <= threads, "{most} jobs at once on {threads} threads");
            assert!(most >= 2, "the jobs were spread: {most} at once");
        }
        assert!(!linalg::on_one_core(), "this thread is back to normal");
    }

    #[test]
    fn one_job_or_a_nested_call_runs_here_with_products_as_usual() {
        let me = std::thread::current().id();
        let one = map_on(
            4,
            vec![move || (std::thread::current().id(), linalg::on_one_core())],
        );
        assert_eq!(one, [(me, false)]);
        // inside a job, a nested map runs its jobs one after another on the job's thread
        let nested = map_on(
            2,
            (0..2)
                .map(|_| {
                    || {
                        let here = std::thread::current().id();
                        map_on(2, (0..3).map(|_| || std::thread::current().id()).collect())
                            .into_iter()
                            .all(|t| t == here)
                    }
                })
                .collect(),
        );
        assert_eq!(nested, [true, true]);
    }

    #[test]
    fn a_product_inside_a_job_equals_the_product_outside_bit_for_bit() {
        let a = super::super::Matrix::from_shape_fn((200, 300), |(i, j)| {
            ((i * 31 + j * 17) % 101) as f64 / 7.0 - 5.0
        });
        let b = super::super::Matrix::from_shape_fn((300, 60), |(i, j)| {
            ((i * 13 + j * 7) % 89) as f64 / 11.0 - 3.0
        });
        let want = linalg::team(|| linalg::matmul(a.view(), b.view()));
        let got = map_on(
            2,
            (0..3)
                .map(|_| || linalg::team(|| linalg::matmul(a.view(), b.view())))
                .collect(),
        );
        assert!(got.iter().all(|g| *g == want));
    }
}
