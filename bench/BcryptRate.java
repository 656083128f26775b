import java.util.concurrent.atomic.AtomicLong;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The raw rate of bcrypt verifications this machine does on all its cores, without a server: the ceiling for logins
 * per second. Run in source-file mode: java -cp jbcrypt.jar bench/BcryptRate.java SECONDS COST
 */
public class BcryptRate {

    public static void main(String[] args) throws InterruptedException {
        long seconds = Long.parseLong(args[0]);
        int cost = Integer.parseInt(args[1]);
        var hash = BCrypt.hashpw("secret", BCrypt.gensalt(cost));
        // One verification per core first, so that the JIT has compiled bcrypt before the clock starts.
        BCrypt.checkpw("secret", hash);
        int threads = Runtime.getRuntime().availableProcessors();
        var done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (!BCrypt.checkpw("secret", hash)) {
                        throw new IllegalStateException("bcrypt did not verify its own hash");
                    }
                    // Only what finished in time counts, as wrk counts only the answers it got in time.
                    if (System.nanoTime() < end) {
                        done.incrementAndGet();
                    }
                }
            });
            workers[i].start();
        }
        for (var worker : workers) {
            worker.join();
        }
        System.out.printf("%.2f%n", done.get() / (double) seconds);
    }
}
