import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Prints a cost-10 bcrypt hash of the first argument, in Spring Security's prefixed form. */
public class BcryptHash {
    public static void main(String[] args) {
        System.out.println("{bcrypt}" + new BCryptPasswordEncoder(10).encode(args[0]));
    }
}
